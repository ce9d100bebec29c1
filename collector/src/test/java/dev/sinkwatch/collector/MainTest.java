package dev.sinkwatch.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The command line: every subcommand has --help; bad usage exits 2. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("--help at the top and on serve and attribution exits 0 and explains the command")
    void help() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("serve") && out().contains("attribution"), out());
        out.reset();
        assertEquals(0, run("serve", "--help"));
        assertTrue(out().contains("--otlp-port") && out().contains("SINKWATCH_SERVER_OTLP_PORT"), out());
        out.reset();
        assertEquals(0, run("attribution", "--help"));
        assertTrue(out().contains("--repo"), out());
    }

    @Test
    @DisplayName("an unknown command and an unknown serve argument exit 2; the demo is no command of the collector")
    void usageErrors() {
        assertEquals(2, run("frobnicate"));
        // picocli says "Unmatched argument at index 0: 'frobnicate'" and prints the usage
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'frobnicate'"), err.toString());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage:"), err.toString());
        assertEquals(2, run("serve", "--verbose"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--verbose"), err.toString());
        assertEquals(2, run("--otlp-port"), "a flag without its value");
        assertEquals(2, run("attribution", "--repo", "."), "attribution without --out");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--out"), err.toString());
        assertEquals(2, run("demo"));
    }
}
