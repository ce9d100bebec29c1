package dev.sinkwatch.agent.normalize;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link PathFolder} (and {@link PersonalData} through it): fuzzed paths with a marker put where a user name
 * (after {@code /home/} or {@code /Users/}), an e-mail address or a token sits. Properties: the marker never
 * survives; the folded path is at most the input plus the base directory (relative paths) plus one char; every
 * input within the per-input budget.
 */
class PathFolderFuzzTest {
    static final String MARKER = "zqMARKERzq";

    @FuzzTest(maxDuration = "10s")
    void noPersonalSegmentSurvives(FuzzedDataProvider data) {
        String before = free(data.consumeString(200));
        String after = free(data.consumeString(200));
        String secret;
        switch (data.consumeInt(0, 3)) {
            case 0:
                secret = "/home/" + free(data.consumeAsciiString(8).replace("/", "")) + MARKER + "/";
                break;
            case 1:
                secret = "/Users/" + MARKER + free(data.consumeAsciiString(8).replace("/", "")) + "/";
                break;
            case 2:
                secret = "/" + MARKER + "." + data.pickValue(new String[] {"a", "b-c", "x_y"}) + "@example.com/";
                break;
            default:
                secret = "/ghp_" + MARKER + "Aa1Bb2Cc3Dd4/";
        }
        String path = before + secret + after;
        String folded = PathFolder.fold(path);
        boolean climbsOut = after.contains("..") || before.contains("..");
        if (folded.contains(MARKER) && !climbsOut) {
            throw new AssertionError("marker survived: " + path + " -> " + folded);
        }
        if (folded.length() > path.length() + System.getProperty("user.dir").length() + 2) {
            throw new AssertionError("folded path too long: " + path + " -> " + folded);
        }
    }

    /** Fuzzed text without the marker: the fuzzer copies it from comparisons, and it must only be where secrets are. */
    private static String free(String fuzzed) {
        return fuzzed.replace(MARKER, "");
    }
}
