package dev.sinkwatch.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.contract.SinkKind;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FieldLimitsTest {

    private static final FieldLimits LIMITS = new FieldLimits(10, 20, 30, 2, 3);

    private static Observation observation(String service, String target, int frames, int attributes) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i < attributes; i++) {
            attrs.put("a" + i, "v" + i);
        }
        return new Observation(new ServiceId(service, "1"), "i", "r", "k", SinkKind.JDBC, "query", target,
                new CallSite("f", "F.java", 1, Collections.nCopies(frames, "frame"), true), false, false, 1, 0, 0, 0,
                null, attrs, 0, 0);
    }

    @Test
    @DisplayName("a record within every cap is passed on as it is")
    void withinLimitsUnchanged() {
        Observation o = observation("orders", "SELECT 1", 2, 3);
        assertSame(o, LIMITS.apply(o));
    }

    @Test
    @DisplayName("over-long fields are cut to their byte cap and marked; extra frames and attributes dropped")
    void overLongFieldsCutAndMarked() {
        Observation c = LIMITS.apply(observation("s".repeat(50), "t".repeat(100), 5, 9));
        assertEquals("s".repeat(10) + FieldLimits.MARKER, c.service().name());
        assertEquals("t".repeat(30) + FieldLimits.MARKER, c.target());
        assertEquals(2, c.callSite().frames().size());
        assertEquals(3, c.attributes().size());
    }

    @Test
    @DisplayName("the cut counts UTF-8 bytes and never splits a character")
    void cutsOnCharacterBoundaries() {
        String cut = FieldLimits.cut("é".repeat(10) + "😀".repeat(10), 25);
        String kept = cut.substring(0, cut.length() - FieldLimits.MARKER.length());
        assertTrue(kept.getBytes(StandardCharsets.UTF_8).length <= 25);
        assertEquals("é".repeat(10) + "😀", kept); // 20 + 4 bytes; another emoji would be 28
        assertEquals("abc", FieldLimits.cut("abc", 3));
    }
}
