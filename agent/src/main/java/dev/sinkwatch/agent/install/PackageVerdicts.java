package dev.sinkwatch.agent.install;

import java.util.HashMap;
import java.util.Map;

/**
 * Package prefixes mapped to a verdict, answered by the longest prefix that matches: {@code org.springframework.}
 * can be ignored while {@code org.springframework.samples.petclinic.} is allowed. Every prefix ends at a package
 * boundary, so a name is looked up one package level at a time ({@code org.}, {@code org.springframework.}, ...),
 * and the walk stops at the first level under which no prefix lies: {@code java.util.HashMap} is one lookup,
 * {@code org.springframework.boot.SpringApplication} three. Binary and internal names both work ({@code .} and
 * {@code /}).
 *
 * <p>Why hash lookups and not a trie walked a character at a time: this runs for every class the JVM loads, and in
 * a busy start-up on one CPU the JIT gets to the agent's methods late, so they run interpreted for thousands of
 * loads. A trie walk is a few hundred bytecodes a name (about 4 µs interpreted: 30 to 60 ms over PetClinic's 15,000
 * class loads); here the work is in {@code String.indexOf}, {@code substring} and {@code HashMap.get}, which the JDK
 * has long compiled by then.
 */
final class PackageVerdicts {
    /** A package level: its verdict if a prefix ends there, and whether a longer prefix lies below it. */
    private static final class Level {
        Boolean verdict;
        boolean deeper;
    }

    private final Map<String, Level> levels = new HashMap<>();

    /**
     * Adds (or replaces) the verdict for names in the package {@code prefix} and below.
     *
     * @param prefix a package with its trailing dot, {@code org.springframework.}
     */
    void put(String prefix, boolean verdict) {
        if (!prefix.endsWith(".")) {
            throw new IllegalArgumentException("not a package prefix (no trailing dot): " + prefix);
        }
        for (String form : new String[] {prefix, prefix.replace('.', '/')}) {
            char separator = form.charAt(form.length() - 1);
            for (int end = form.indexOf(separator); end < form.length() - 1; end = form.indexOf(separator, end + 1)) {
                level(form.substring(0, end + 1)).deeper = true;
            }
            level(form).verdict = verdict;
        }
    }

    private Level level(String prefix) {
        Level level = levels.get(prefix);
        if (level == null) {
            level = new Level();
            levels.put(prefix, level);
        }
        return level;
    }

    /** The verdict of the longest prefix of {@code name} that was put, or null if none. */
    Boolean longestMatch(String name) {
        // A name's packages are separated by one character throughout; a hidden class's name may add a '/' after
        // its binary name (com.acme.Cart$$Lambda/0x...), which ends no package and so matches nothing.
        int dot = name.indexOf('.');
        int slash = name.indexOf('/');
        char separator = slash >= 0 && (dot < 0 || slash < dot) ? '/' : '.';
        Boolean found = null;
        for (int end = separator == '/' ? slash : dot; end >= 0; end = name.indexOf(separator, end + 1)) {
            Level level = levels.get(name.substring(0, end + 1));
            if (level == null) {
                break;
            }
            if (level.verdict != null) {
                found = level.verdict;
            }
            if (!level.deeper) {
                break;
            }
        }
        return found;
    }
}
