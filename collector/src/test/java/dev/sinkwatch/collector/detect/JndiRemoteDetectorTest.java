package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class JndiRemoteDetectorTest {

    private final JndiRemoteDetector rule = new JndiRemoteDetector();

    @ParameterizedTest
    @ValueSource(strings = {"ldap://attacker.example:1389/<path>", "LDAPS://x:636/<path>", "rmi://x:1099/<path>",
            "dns://x/<path>", "iiop://x:900/<path>", "corbaname:iiop:x#<path>"})
    @DisplayName("remote naming URLs are critical")
    void remoteLookupsAreCritical(String name) {
        Finding f = rule.evaluate(Obs.jndi(name).build(), DetectionContext.firstSighting(1));
        assertNotNull(f, name);
        assertEquals(Severity.CRITICAL, f.severity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java:comp/env/jdbc/orders", "jdbc/orders", "java:/jms/queue/x", "java:global/app/Bean"})
    @DisplayName("local names are not reported")
    void localLookupsAreQuiet(String name) {
        assertNull(rule.evaluate(Obs.jndi(name).build(), DetectionContext.firstSighting(1)), name);
    }

    @Test
    @DisplayName("a misleading url.scheme attribute does not hide an ldap name")
    void schemeAttributeCannotHide() {
        assertNotNull(rule.evaluate(Obs.jndi("ldap://x:389/<path>").attr("url.scheme", "java").build(),
                DetectionContext.firstSighting(1)));
    }
}
