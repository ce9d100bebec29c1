package dev.sinkwatch.agent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent starts once per JVM: a second start (an attach after {@code -javaagent}, a second attach) is refused
 * with one line and does not run the installation again. Here the first start fails (the agent runs from a class
 * directory, not its jar): the second must not try again either.
 */
class PremainTest {

    @Test
    void aSecondStartIsIgnored() {
        String first = stderrOf(() -> Premain.premain("", null));
        assertTrue(first.contains("could not start"), first);
        String second = stderrOf(() -> Premain.agentmain("", null));
        assertEquals("[sinkwatch] the agent was already started in this JVM; this second start is ignored",
                second.strip());
    }

    private static String stderrOf(Runnable action) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
