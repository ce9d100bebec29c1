package dev.sinkwatch.contract;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkKindTest {

    @Test
    @DisplayName("kinds read back from their wire names; an unknown one is named in the error")
    void kinds() {
        for (SinkKind kind : SinkKind.values()) {
            assertSame(kind, SinkKind.fromWireName(kind.wireName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SinkKind.fromWireName("tape"));
        assertTrue(e.getMessage().contains("'tape'"), e.getMessage());
    }

    @Test
    @DisplayName("an operation is found by kind and wire name: connect is both a JDBC and a network operation")
    void operations() {
        assertSame(SinkOperation.JDBC_CONNECT, SinkOperation.of(SinkKind.JDBC, "connect"));
        assertSame(SinkOperation.NET_CONNECT, SinkOperation.of(SinkKind.NET, "connect"));
        assertNull(SinkOperation.of(SinkKind.FILE, "connect"));
        for (SinkOperation operation : SinkOperation.values()) {
            assertEquals(operation, SinkOperation.of(operation.kind(), operation.wireName()));
        }
    }
}
