package dev.sinkwatch.agent.install;

import java.util.HashMap;
import java.util.Map;

/**
 * Package prefixes mapped to a verdict, answered by the longest prefix that matches: {@code org.springframework.}
 * can be ignored while {@code org.springframework.samples.petclinic.} is allowed. Every prefix ends at a package
 * boundary, so a name is looked up once per package level ({@code org.}, {@code org.springframework.}, ...), never
 * deeper than the deepest prefix; binary and internal names both work ({@code .} and {@code /}).
 *
 * <p>Why hash lookups and not a trie walked a character at a time: this runs for every class the JVM loads, and in
 * a busy start-up on one CPU the JIT gets to the agent's methods late, so they run interpreted for thousands of
 * loads. A trie walk is a few hundred bytecodes a name (about 4 µs interpreted: 67 ms over PetClinic's 15,000 class
 * loads); here the work is in {@code String.indexOf}, {@code substring} and {@code HashMap.get}, which the JDK has
 * long compiled by then.
 */
final class PackageVerdicts {
    private final Map<String, Boolean> verdicts = new HashMap<>();
    private int deepest;

    /**
     * Adds (or replaces) the verdict for names in the package {@code prefix} and below.
     *
     * @param prefix a package with its trailing dot, {@code org.springframework.}
     */
    void put(String prefix, boolean verdict) {
        if (!prefix.endsWith(".")) {
            throw new IllegalArgumentException("not a package prefix (no trailing dot): " + prefix);
        }
        verdicts.put(prefix, verdict);
        verdicts.put(prefix.replace('.', '/'), verdict);
        deepest = Math.max(deepest, levels(prefix));
    }

    /** The verdict of the longest prefix of {@code name} that was put, or null if none. */
    Boolean longestMatch(String name) {
        // A name's packages are separated by one character throughout; a hidden class's name may add a '/' after
        // its binary name (com.acme.Cart$$Lambda/0x...), which then ends no package and matches nothing.
        int dot = name.indexOf('.');
        int slash = name.indexOf('/');
        char separator = slash >= 0 && (dot < 0 || slash < dot) ? '/' : '.';
        Boolean found = null;
        int end = separator == '/' ? slash : dot;
        for (int level = 1; end >= 0 && level <= deepest; level++) {
            Boolean verdict = verdicts.get(name.substring(0, end + 1));
            if (verdict != null) {
                found = verdict;
            }
            end = name.indexOf(separator, end + 1);
        }
        return found;
    }

    private static int levels(String prefix) {
        int levels = 0;
        for (int i = prefix.indexOf('.'); i >= 0; i = prefix.indexOf('.', i + 1)) {
            levels++;
        }
        return levels;
    }
}
