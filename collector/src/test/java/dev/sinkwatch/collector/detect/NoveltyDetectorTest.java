package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.collector.profile.ProfileState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoveltyDetectorTest {

    private static DetectionContext ctx(ProfileState state, boolean grace, boolean isNew, boolean novel) {
        return new DetectionContext(state, grace, isNew, novel, !novel, () -> List.of("SELECT * FROM orders WHERE id = ?"),
                1);
    }

    @Test
    @DisplayName("a novel target at a stable call site is a warning named after its kind")
    void novelAtStableIsWarning() {
        for (SinkKind kind : SinkKind.values()) {
            NoveltyDetector d = new NoveltyDetector(kind);
            Finding f = d.evaluate(Obs.of(kind, "op", "t").build(), ctx(ProfileState.STABLE, false, true, true));
            assertNotNull(f, kind.name());
            assertEquals("novelty." + kind.wireName(), f.detector().wireName());
            assertEquals(Severity.WARNING, f.severity());
        }
        Finding f = new NoveltyDetector(SinkKind.JDBC).evaluate(Obs.sql("SELECT * FROM users").build(),
                ctx(ProfileState.STABLE, false, true, true));
        assertTrue(f.summary().startsWith("New SQL shape at stable call site com.acme.OrderRepository.find:42"),
                f.summary());
    }

    @Test
    @DisplayName("nothing while learning, nothing when unstable, nothing for known targets")
    void quietOtherwise() {
        NoveltyDetector d = new NoveltyDetector(SinkKind.FILE);
        assertNull(d.evaluate(Obs.file("/a").build(), ctx(ProfileState.LEARNING, false, true, false)));
        assertNull(d.evaluate(Obs.file("/a").build(), ctx(ProfileState.UNSTABLE, false, true, true)));
        assertNull(d.evaluate(Obs.file("/a").build(), ctx(ProfileState.STABLE, false, false, false)));
        assertNull(d.evaluate(Obs.sql("x").build(), ctx(ProfileState.STABLE, false, true, true)), "other kind");
    }

    @Test
    @DisplayName("a new target during a version grace window is info")
    void graceIsInfo() {
        Finding f = new NoveltyDetector(SinkKind.NET).evaluate(Obs.net("api.x.com:443").build(),
                ctx(ProfileState.STABLE, true, true, false));
        assertNotNull(f);
        assertEquals(Severity.INFO, f.severity());
    }
}
