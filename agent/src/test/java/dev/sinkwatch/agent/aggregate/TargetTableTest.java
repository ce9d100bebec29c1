package dev.sinkwatch.agent.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetTableTest {

    @Test
    void aLongTargetIsCutAtTheCapAndMarked() {
        TargetTable table = new TargetTable("test", 10);
        String longText = "x".repeat(3 * TargetTable.DEFAULT_MAX_CHARS);
        Target t = table.intern(longText);
        assertEquals(TargetTable.DEFAULT_MAX_CHARS + TargetTable.TRUNCATED.length(), t.text().length());
        assertTrue(t.text().endsWith(TargetTable.TRUNCATED));
        assertSame(t, table.intern(longText + "y"), "texts sharing the capped prefix share a target");
        assertEquals("short", table.intern("short").text());
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String text = "a".repeat(TargetTable.DEFAULT_MAX_CHARS - 1) + "\uD83D\uDE00" + "tail";
        String capped = TargetTable.capped(text);
        assertEquals(TargetTable.DEFAULT_MAX_CHARS - 1 + TargetTable.TRUNCATED.length(), capped.length());
    }
}
