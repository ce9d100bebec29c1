package dev.sinkwatch.agent.normalize;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes {@link CommandShape}: fuzzed command lines with a marker glued to {@code -p}, as a {@code --key=} value, as
 * a plain argument, inside a shell script, or as the user of a home directory holding the executable. Properties:
 * the marker never survives; the shape is bounded by the input plus a few chars per argument; every input within
 * the budget.
 */
class CommandShapeFuzzTest {
    static final String MARKER = "zqMARKERzq";

    @FuzzTest(maxDuration = "10s")
    void noSecretArgumentSurvives(FuzzedDataProvider data) {
        List<String> command = new ArrayList<>();
        boolean homeExecutable = data.consumeBoolean();
        command.add(homeExecutable ? "/home/" + MARKER + "/bin/" + free(data.consumeAsciiString(8).replace("/", ""))
                : data.pickValue(new String[] {"mysql", "/bin/sh", "curl", "cmd.exe", "java"}));
        int args = data.consumeInt(0, 8);
        int secretAt = data.consumeInt(0, args);
        for (int i = 0; i < args; i++) {
            if (i == secretAt) {
                command.add(data.pickValue(new String[] {"-p", "--password=", "--token=", "", "-c "}) + MARKER
                        + free(data.consumeAsciiString(6)));
            } else {
                command.add(free(data.consumeString(20)));
            }
        }
        String shape = CommandShape.of(command);
        if (shape.contains(MARKER)) {
            throw new AssertionError("marker survived: " + command + " -> " + shape);
        }
        int inputLength = command.stream().mapToInt(a -> a == null ? 0 : a.length() + 1).sum();
        if (shape.length() > inputLength + 10 * command.size()) {
            throw new AssertionError("shape too long: " + command + " -> " + shape);
        }
    }

    /** Fuzzed text without the marker: the fuzzer copies it from comparisons, and it must only be where secrets are. */
    private static String free(String fuzzed) {
        return fuzzed.replace(MARKER, "");
    }
}
