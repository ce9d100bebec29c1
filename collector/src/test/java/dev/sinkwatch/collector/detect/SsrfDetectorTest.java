package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.collector.profile.ProfileState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class SsrfDetectorTest {

    private final SsrfDetector rule = new SsrfDetector();

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254:80", "[fd00:ec2::254]:80", "metadata.google.internal:80",
            "100.100.100.200:80", "2852039166:80", "[::ffff:169.254.169.254]:80", "169.254.170.2:80"})
    @DisplayName("cloud metadata is critical from any call site")
    void metadataIsCritical(String target) {
        Finding f = rule.evaluate(Obs.net(target).build(), DetectionContext.firstSighting(1));
        assertNotNull(f, target);
        assertEquals(Severity.CRITICAL, f.severity());
    }

    @Test
    @DisplayName("metadata via http and resolve operations is critical too")
    void metadataOtherOperations() {
        assertNotNull(rule.evaluate(Obs.of(SinkKind.NET, "http",
                "GET http://169.254.169.254:80/latest/meta-data/iam").build(), DetectionContext.firstSighting(1)));
        assertNotNull(rule.evaluate(Obs.of(SinkKind.NET, "resolve", "metadata.google.internal").build(),
                DetectionContext.firstSighting(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8080", "10.0.3.7:8080", "192.168.1.10:22", "172.20.0.5:6379",
            "localhost:9200", "[::1]:8080", "redis:6379", "db.svc.cluster.local:5432", "169.254.10.1:80"})
    @DisplayName("an internal destination from a call site that only went to public ones is a warning")
    void internalAfterPublicOnlyIsWarning(String target) {
        Finding f = rule.evaluate(Obs.net(target).build(), DetectionContext.newTargetAt(ProfileState.STABLE,
                List.of("api.stripe.com:443", "GET https://hooks.slack.com:443/services/?"), 1));
        assertNotNull(f, target);
        assertEquals(Severity.WARNING, f.severity());
    }

    @Test
    @DisplayName("internal destinations are fine where the call site already goes internal, or has no baseline")
    void internalWithInternalBaselineIsQuiet() {
        assertNull(rule.evaluate(Obs.net("10.0.3.8:8080").build(), DetectionContext.newTargetAt(
                ProfileState.STABLE, List.of("api.stripe.com:443", "10.0.3.7:8080"), 1)));
        assertNull(rule.evaluate(Obs.net("10.0.3.8:8080").build(), DetectionContext.firstSighting(1)));
    }

    @Test
    @DisplayName("public destinations are not SSRF")
    void publicIsQuiet() {
        assertNull(rule.evaluate(Obs.net("api.github.com:443").build(), DetectionContext.newTargetAt(
                ProfileState.STABLE, List.of("api.stripe.com:443"), 1)));
        assertNull(rule.evaluate(Obs.net("8.8.8.8:53").build(), DetectionContext.firstSighting(1)));
    }

    @ParameterizedTest
    @CsvSource({"169.254.169.254,METADATA", "127.0.0.1,LOOPBACK", "127.1,LOOPBACK", "2130706433,LOOPBACK",
            "10.1.2.3,PRIVATE", "172.15.0.1,PUBLIC", "172.16.0.1,PRIVATE", "100.64.0.1,PRIVATE", "8.8.8.8,PUBLIC",
            "fe80::1,LINK_LOCAL", "fd12:3456::1,PRIVATE", "2001:db8::1,PUBLIC", "::1,LOOPBACK",
            "example.com,PUBLIC", "localhost,LOCAL_TEST", "foo.internal,PRIVATE", "256.1.1.1,PUBLIC"})
    void classifiesAddresses(String host, String expected) {
        String want = expected.equals("LOCAL_TEST") ? "LOOPBACK" : expected;
        assertEquals(want, NetAddresses.classify(host).name(), host);
    }
}
