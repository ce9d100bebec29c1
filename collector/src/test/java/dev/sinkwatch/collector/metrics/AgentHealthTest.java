package dev.sinkwatch.collector.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sinkwatch.collector.detect.MutableClock;
import dev.sinkwatch.collector.ingest.LogDecoder.AgentStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AgentHealthTest {

    @Test
    @DisplayName("a JVM that stopped reporting stops counting in the sums after the expiry")
    void deadInstancesExpire() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MutableClock clock = new MutableClock(1_000_000);
        AgentHealth health = new AgentHealth(registry, new ServiceLabels(10), Duration.ofMinutes(5), clock);
        health.accept(new AgentStatus("orders", "jvm-1", 100, 1000, 0, 0, 0));
        health.accept(new AgentStatus("orders", "jvm-2", 50, 1000, 0, 0, 0));
        assertEquals(2, registry.get("sinkwatch.agent.instances").gauge().value());
        assertEquals(150, registry.get("sinkwatch.agent.keys").gauge().value());

        clock.advance(Duration.ofMinutes(4));
        health.accept(new AgentStatus("orders", "jvm-2", 60, 1000, 0, 0, 0)); // jvm-1 died
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, registry.get("sinkwatch.agent.instances").gauge().value());
        assertEquals(60, registry.get("sinkwatch.agent.keys").gauge().value());
    }
}
