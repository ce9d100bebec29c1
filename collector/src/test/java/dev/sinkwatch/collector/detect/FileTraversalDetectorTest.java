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
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTraversalDetectorTest {

    private final FileTraversalDetector rule = new FileTraversalDetector();

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "/etc/shadow", "/home/app/.ssh/id_rsa", "/root/.bashrc",
            "/proc/self/environ", "/proc/*/environ", "/opt/app/certs/server.pem", "/home/app/.aws/credentials",
            "/srv/app/.env", "/srv/app/.env.production", "/var/run/secrets/kubernetes.io/serviceaccount/token",
            "C:\\Windows\\win.ini", "/etc/ssl/private/site.key", "/home/u/.kube/config"})
    @DisplayName("sensitive files are critical without any baseline")
    void sensitiveFilesAreCritical(String path) {
        Finding f = rule.evaluate(Obs.file(path).build(), DetectionContext.firstSighting(1));
        assertNotNull(f, path);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("file.traversal", f.detector().wireName());
    }

    @Test
    @DisplayName("a path the agent saw with '..' is critical")
    void traversalAttributeIsCritical() {
        Finding f = rule.evaluate(Obs.file("/srv/app/uploads/report-*.pdf").attr("sinkwatch.path.traversal", "true")
                .build(), DetectionContext.firstSighting(1));
        assertNotNull(f);
        assertTrue(f.summary().startsWith("Path traversal"), f.summary());
        assertEquals("true", f.evidence().get("traversal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/app/uploads/report-*.pdf", "/tmp/*", "/etc/hosts", "/opt/app/conf/app.yml",
            "/opt/app/keystore.jks", "/srv/app/environment.txt", "/var/log/app/*.log"})
    @DisplayName("ordinary files are not reported")
    void ordinaryFilesAreQuiet(String path) {
        assertNull(rule.evaluate(Obs.file(path).build(), DetectionContext.firstSighting(1)), path);
        assertNull(rule.evaluate(Obs.file(path).attr("sinkwatch.path.traversal", "false").build(),
                DetectionContext.firstSighting(1)), path);
    }
}
