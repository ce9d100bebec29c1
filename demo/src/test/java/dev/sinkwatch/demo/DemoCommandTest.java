package dev.sinkwatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The demo's command line: --help explains it, bad usage exits 2 and says what is wrong. */
class DemoCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DemoCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("--help exits 0 and names the options")
    void help() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("--agent") && help.contains("--learn-seconds") && help.contains("--keep-data"), help);
    }

    @Test
    @DisplayName("a missing agent jar, an unknown option and a non-number exit 2 with the reason")
    void usageErrors() {
        assertEquals(2, run("--agent", "/nonexistent/sinkwatch-agent.jar"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("agent jar not found"), err.toString());
        err.reset();
        assertEquals(2, run("--verbose"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--verbose"), err.toString());
        err.reset();
        assertEquals(2, run("--learn-seconds", "soon"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("soon"), err.toString());
    }
}
