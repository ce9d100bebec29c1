package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.collector.profile.ProfileState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class ShellInjectionDetectorTest {

    private final ShellInjectionDetector rule = new ShellInjectionDetector();

    private Finding judge(String observed, String... known) {
        return rule.evaluate(Obs.process(observed).build(),
                DetectionContext.newTargetAt(ProfileState.STABLE, List.of(known), 1));
    }

    @ParameterizedTest(name = "{1} after {0}")
    @CsvSource(delimiterString = "::", value = {
            "sh -c \"cowsay ?\" :: sh -c \"cowsay ?; id; echo ?\" :: ; id echo",
            "sh -c \"ls ?\" :: sh -c \"ls ? $(id)\" :: $( id )",
            "sh -c \"ls ?\" :: sh -c \"ls ? | nc ? ?\" :: | nc",
            "sh -c \"ls ?\" :: sh -c \"ls ? && curl ? | sh\" :: && curl | sh",
            "/bin/bash -c \"grep ? ?\" :: /bin/bash -c \"grep ? ? > ?\" :: >",
            "cmd /c \"dir ?\" :: cmd /c \"dir ? & whoami\" :: & whoami"})
    @DisplayName("commands or operators added to a known script are critical, naming what was added")
    void added(String known, String observed, String added) {
        Finding f = judge(observed, known);
        assertNotNull(f, observed);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("shell.injection", f.detector().wireName());
        assertEquals(added, f.evidence().get("added"));
        assertEquals(known, f.evidence().get("baseline"));
    }

    @Test
    @DisplayName("other arguments or flags, a script built from known parts, no known script: nothing")
    void quiet() {
        assertNull(judge("sh -c \"ls -la ?\"", "sh -c \"ls ?\""), "a flag is not structure");
        assertNull(judge("sh -c \"cowsay ? ?\"", "sh -c \"cowsay ?\""), "another argument");
        assertNull(judge("sh -c \"a ? | b\"", "sh -c \"b\"", "sh -c \"a ? | b ?\""), "closest known script");
        assertNull(judge("sh -c \"cowsay ?; id\"", "/usr/bin/convert <path> <path>"), "no known script");
        assertNull(judge("sh -c \"ls ?\"", "sh -c \"echo ?\""), "another script altogether");
        assertNull(judge("/usr/bin/convert <path> <path>", "sh -c \"ls ?\""), "not a script");
        assertNull(rule.evaluate(Obs.process("sh -c \"ls ?; id\"").build(), new DetectionContext(
                ProfileState.STABLE, false, false, false, true, () -> List.of("sh -c \"ls ?\""), 1)),
                "a trusted target");
    }

    @Test
    void structure() {
        assertEquals(Set.of("cowsay", ";", "id", "echo"), ShellInjectionDetector.structure("cowsay ?; id; echo ?"));
        assertEquals(Set.of("ls", "2>&1", "$(", "id", ")", "#?"),
                ShellInjectionDetector.structure("ls -la ? 2>&1 $(id) #?"));
        assertEquals("cowsay ?", ShellInjectionDetector.script("sh -c \"cowsay ?\""));
        assertNull(ShellInjectionDetector.script("ls <path>"));
    }
}
