package dev.sinkwatch.collector.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FindingsToAlertsTest {

    @Test
    @DisplayName("the attribution label of the findings count has three values whatever the index says")
    void attributionLabelIsBounded() {
        assertEquals("ai", FindingsToAlerts.attributionLabel("ai"));
        assertEquals("human", FindingsToAlerts.attributionLabel("human"));
        assertEquals("unknown", FindingsToAlerts.attributionLabel("unknown"));
        assertEquals("unknown", FindingsToAlerts.attributionLabel(null));
        assertEquals("unknown", FindingsToAlerts.attributionLabel("Claude Code"));
    }
}
