package dev.sinkwatch.collector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Detectors are typed everywhere but the store and the API, where their wire names are read back. */
class DetectorTest {

    @Test
    @DisplayName("every detector's wire name reads back as that detector; an unknown one is refused by name")
    void wireNamesRoundTrip() {
        for (Detector d : Detector.values()) {
            assertEquals(d, Detector.fromWireName(d.wireName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Detector.fromWireName("novelty.sql"));
        assertTrue(e.getMessage().contains("novelty.sql"), e.getMessage());
    }

    @Test
    @DisplayName("in JSON (the finding journal) a detector is its wire name, read back as the same detector")
    void jsonIsTheWireName() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("\"novelty.jdbc\"", json.writeValueAsString(Detector.NOVELTY_JDBC));
        assertEquals(Detector.STATS_ERROR_RATE, json.readValue("\"stats.error_rate\"", Detector.class));
    }

    @Test
    @DisplayName("each sink kind has its novelty detector, each agent input rule its input detector")
    void noveltyAndInputDetectors() {
        for (SinkKind kind : SinkKind.values()) {
            assertEquals("novelty." + kind.wireName(), Detector.novelty(kind).wireName());
        }
        for (String rule : List.of(SinkAttributes.RULE_SQL_INJECTION, SinkAttributes.RULE_SHELL_INJECTION,
                SinkAttributes.RULE_FILE_TRAVERSAL, SinkAttributes.RULE_NET_SSRF, SinkAttributes.RULE_JNDI_INJECTION)) {
            Detector d = Detector.input(rule);
            assertEquals("input." + rule, d.wireName());
            assertTrue(d.fromRequestInput());
        }
        assertEquals(Detector.INPUT_OTHER, Detector.input("xml.entity"));
    }

    @Test
    @DisplayName("a finding and the alert raised for it name the same typed baseline entry to approve")
    void findingRefIsTyped() {
        CallSite site = new CallSite("com.acme.Orders.find", "Orders.java", 42, List.of(), true);
        Finding f = new Finding(Detector.STATS_LATENCY, Severity.WARNING, "slow", new ServiceId("orders", "1"),
                SinkKind.JDBC, "query", "SELECT ?", "SELECT ?", site, Map.of(), 1);
        FindingRef ref = f.ref();
        assertEquals(Detector.Approval.RESTART_LATENCY, ref.detector().approval());
        assertEquals(new FindingRef(Detector.STATS_LATENCY, new ServiceId("orders", "1"), site.id(), SinkKind.JDBC,
                "query", "SELECT ?"), ref);
    }
}
