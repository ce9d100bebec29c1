package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class SuspiciousProcessDetectorTest {

    private final SuspiciousProcessDetector rule = new SuspiciousProcessDetector();

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh -c <arg>", "/bin/bash -c <arg>", "cmd.exe /c <arg>",
            "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -enc <arg>", "/usr/bin/curl -s <url>",
            "/usr/bin/wget -q -O <path> <url>", "nc <arg> <num>", "/usr/bin/python3 -c <arg>", "perl -e <arg>",
            "/usr/bin/env bash <path>", "sudo -u <arg> sh <path>", "/usr/bin/ncat -e <path> <arg> <num>"})
    @DisplayName("shells, download tools and inline interpreters are critical")
    void suspiciousCommandsAreCritical(String shape) {
        Finding f = rule.evaluate(Obs.process(shape).build(), DetectionContext.firstSighting(1));
        assertNotNull(f, shape);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("process.suspicious", f.detector().wireName());
    }

    @org.junit.jupiter.api.Test
    @DisplayName("with raw capture on, a shell behind a wrapper is still seen")
    void rawCommandLineBehindWrapper() {
        String shape = "/usr/bin/sudo -u <arg> <path> <path>";
        assertNull(rule.evaluate(Obs.process(shape).build(), DetectionContext.firstSighting(1)));
        assertNotNull(rule.evaluate(Obs.process(shape).attr("sinkwatch.target.raw",
                "/usr/bin/sudo -u deploy /bin/sh /tmp/x.sh").build(), DetectionContext.firstSighting(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/usr/bin/convert <path> <path>", "/usr/bin/python3 <path>", "/usr/bin/git -C <path> "
            + "status", "/opt/tools/ffmpeg -i <path> <path>", "/usr/bin/env", "/usr/bin/shred <path>",
            "/usr/bin/bashful <arg>"})
    @DisplayName("ordinary tools are not reported")
    void ordinaryCommandsAreQuiet(String shape) {
        assertNull(rule.evaluate(Obs.process(shape).build(), DetectionContext.firstSighting(1)), shape);
    }
}
