package dev.sinkwatch.collector.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every pattern a detector runs on a target is linear in the target: the work is measured as the characters the
 * regex engine reads (a counting {@link CharSequence}), not as time, so the test is exact on a busy machine. The
 * inputs are the worst cases of the patterns as they were: long whitespace runs after the tokens that open a match,
 * and long path segments.
 */
class LinearMatchingTest {

    /** Reads per input character allowed (the patterns have a dozen alternatives each; quadratic is ~n). */
    private static final long READS_PER_CHAR = 64;

    /** A {@link CharSequence} that counts {@link #charAt} calls. */
    static final class CountingChars implements CharSequence {
        private final String text;
        long reads;

        CountingChars(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static void assertLinear(String what, IntFunction<String> input, Consumer<CharSequence> match) {
        long[] reads = new long[2];
        int[] sizes = {20_000, 40_000};
        for (int i = 0; i < 2; i++) {
            CountingChars chars = new CountingChars(input.apply(sizes[i]));
            match.accept(chars);
            reads[i] = chars.reads;
            assertTrue(reads[i] <= READS_PER_CHAR * chars.length(),
                    what + ": " + reads[i] + " reads for " + chars.length() + " chars");
        }
        // Doubling the input at most doubles the work (plus slack); quadratic would quadruple it.
        assertTrue(reads[1] <= 2.2 * reads[0], what + ": " + reads[0] + " then " + reads[1] + " reads");
    }

    @Test
    @DisplayName("the SQL-injection patterns read each character a bounded number of times")
    void sqlInjectionSignalsAreLinear() {
        Consumer<CharSequence> signals = SqlInjectionDetector::signals;
        assertLinear("OR + spaces", n -> "OR" + " ".repeat(n), signals);
        assertLinear("OR + spaces + x", n -> "SELECT a FROM t WHERE b = ? OR" + " ".repeat(n) + "x", signals);
        assertLinear("OR NOT ( + spaces", n -> "OR NOT (" + " ".repeat(n) + "x", signals);
        assertLinear("OR ? + spaces", n -> "OR ?" + " ".repeat(n) + "x", signals);
        assertLinear("OR ?= + spaces", n -> "OR ? =" + " ".repeat(n) + "x", signals);
        assertLinear("comment + spaces", n -> "--?" + " ".repeat(n) + "x", signals);
        assertLinear("comment ; spaces", n -> "/*?*/" + " ".repeat(n / 2) + ";" + " ".repeat(n / 2) + "x", signals);
        assertLinear("UNION + spaces", n -> "UNION" + " ".repeat(n) + "x", signals);
        assertLinear("; + spaces", n -> ";" + " ".repeat(n) + "x", signals);
        assertLinear("many ORs", n -> "OR ".repeat(n / 3), signals);
        assertLinear("OR 'unclosed", n -> "OR '" + "a".repeat(n), signals);
        assertLinear("many OR '", n -> "OR 'a".repeat(n / 5), signals);
        assertLinear("digits", n -> "OR 1" + "1".repeat(n) + " x", signals);
    }

    @Test
    @DisplayName("the possessive SQL patterns still find what the greedy ones found")
    void sqlSignalsUnchanged() {
        assertEquals(EnumSet.of(SqlInjectionDetector.Signal.TAUTOLOGY, SqlInjectionDetector.Signal.COMMENT),
                SqlInjectionDetector.signals("SELECT a FROM t WHERE b = ? OR   (  ?   =   ? --?  ;  "));
        assertEquals(EnumSet.of(SqlInjectionDetector.Signal.TAUTOLOGY),
                SqlInjectionDetector.signals("SELECT a FROM t WHERE b = ? OR NOT 'x' LIKE 'y'"));
        assertEquals(EnumSet.of(SqlInjectionDetector.Signal.UNION, SqlInjectionDetector.Signal.STACKED),
                SqlInjectionDetector.signals("SELECT a FROM t WHERE b = ? UNION  ALL ( SELECT ?; DROP TABLE t"));
        assertEquals(EnumSet.noneOf(SqlInjectionDetector.Signal.class),
                SqlInjectionDetector.signals("OR" + " ".repeat(300_000)));
    }

    @Test
    @DisplayName("the file-path patterns read each character a bounded number of times")
    void filePatternsAreLinear() {
        Consumer<CharSequence> both = p -> {
            FileTraversalDetector.procSecret(p);
            FileTraversalDetector.secretName(p);
        };
        assertLinear("long segment", n -> "/srv/" + "a".repeat(n), both);
        assertLinear("long segment with dots", n -> "/srv/" + "a.".repeat(n / 2), both);
        assertLinear("many segments", n -> "/a.pe".repeat(n / 5) + "x", both);
        assertLinear("proc root", n -> "/proc/self/root/" + "a/".repeat(n / 2) + "x", both);
        assertLinear("id_rsa", n -> "/id_rsa" + "x".repeat(n) + "/y", both);
    }
}
