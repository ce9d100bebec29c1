package dev.sinkwatch.collector.alert;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.sinkwatch.collector.alert.TestSupport.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The alert lifecycle as a pure function: no database, no clock, no threads. */
class AlertTransitionsTest {
    private static final long RESEND = 60_000;

    @Test
    @DisplayName("no row: a new firing alert, notified, counted once, resend scheduled")
    void newAlert() {
        Finding f = finding("checkout", "novelty.jdbc", Severity.WARNING, "SELECT 1");
        AlertTransitions.Transition t = AlertTransitions.onFinding(null, "id1", f, null, 1_000, RESEND);
        assertSame(AlertEvent.FIRING, t.event());
        assertSame(AlertTransitions.Outcome.NEW, t.outcome());
        assertEquals(AlertStatus.FIRING, t.row().status());
        assertEquals(1, t.row().count());
        assertEquals(1_000, t.row().firstSeenMs());
        assertEquals(1_000, t.row().activeSinceMs());
        assertEquals(1_000 + RESEND, t.row().nextResendMs());
        assertEquals("SELECT 1", t.row().targetFingerprint());
    }

    @Test
    @DisplayName("a repeat while firing is quiet, keeps the acknowledgement and the attribution it had")
    void repeat() {
        Finding f = finding("checkout", "novelty.jdbc", Severity.WARNING, "SELECT 1");
        AlertAttribution who = TestSupport.aiAttribution();
        AlertRow first = AlertTransitions.onFinding(null, "id1", f, who, 1_000, RESEND).row().toBuilder()
                .acknowledged(true, "alice", 1_500L).build();
        AlertTransitions.Transition t = AlertTransitions.onFinding(first, "id1", f, null, 2_000, RESEND);
        assertNull(t.event());
        assertSame(AlertTransitions.Outcome.REPEAT, t.outcome());
        assertEquals(2, t.row().count());
        assertEquals(2_000, t.row().lastSeenMs());
        assertEquals(1_000, t.row().activeSinceMs());
        assertEquals("alice", t.row().acknowledgedBy());
        assertEquals(who, t.row().body().attribution());
    }

    @Test
    @DisplayName("a repeat with a higher severity escalates; a lower one keeps the higher severity quietly")
    void escalation() {
        AlertRow warning = AlertTransitions.onFinding(null, "id1",
                finding("checkout", "novelty.jdbc", Severity.WARNING, "SELECT 1"), null, 1_000, RESEND).row();
        AlertTransitions.Transition up = AlertTransitions.onFinding(warning, "id1",
                finding("checkout", "novelty.jdbc", Severity.CRITICAL, "SELECT 1"), null, 2_000, RESEND);
        assertSame(AlertEvent.ESCALATED, up.event());
        assertEquals(Severity.CRITICAL, up.row().severity());
        AlertTransitions.Transition down = AlertTransitions.onFinding(up.row(), "id1",
                finding("checkout", "novelty.jdbc", Severity.INFO, "SELECT 1"), null, 3_000, RESEND);
        assertNull(down.event());
        assertEquals(Severity.CRITICAL, down.row().severity());
    }

    @Test
    @DisplayName("a finding for a resolved alert reopens it: active since now, acknowledgement cleared, count adds up")
    void reopen() {
        Finding f = finding("checkout", "novelty.jdbc", Severity.WARNING, "SELECT 1");
        AlertRow resolved = AlertTransitions.onFinding(null, "id1", f, null, 1_000, RESEND).row().toBuilder()
                .status(AlertStatus.RESOLVED).resolved(5_000L, "inactive").acknowledged(true, "bob", 2_000L)
                .build();
        AlertTransitions.Transition t = AlertTransitions.onFinding(resolved, "id1", f, null, 9_000, RESEND);
        assertSame(AlertEvent.REOPENED, t.event());
        assertSame(AlertTransitions.Outcome.REOPENED, t.outcome());
        assertEquals(AlertStatus.FIRING, t.row().status());
        assertEquals(9_000, t.row().activeSinceMs());
        assertEquals(1_000, t.row().firstSeenMs());
        assertEquals(2, t.row().count());
        assertEquals(1, t.row().reopenCount());
        assertFalse(t.row().acknowledged());
        assertNull(t.row().resolvedAtMs());
        assertNull(t.row().resolveReason());
        assertEquals(9_000 + RESEND, t.row().nextResendMs());
    }
}
