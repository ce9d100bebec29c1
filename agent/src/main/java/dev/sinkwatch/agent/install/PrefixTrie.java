package dev.sinkwatch.agent.install;

import java.util.HashMap;
import java.util.Map;

/**
 * Class-name prefixes mapped to a verdict, answered by the longest prefix that matches: {@code org.springframework.}
 * can be ignored while {@code org.springframework.samples.petclinic.} is allowed. One walk down the name, no
 * allocation; {@code .} and {@code /} are the same character, so binary and internal names both work.
 */
final class PrefixTrie {
    private final Node root = new Node();

    private static final class Node {
        final Map<Character, Node> children = new HashMap<>(4);
        Boolean verdict;
    }

    /** Adds (or replaces) the verdict for names starting with {@code prefix}. */
    void put(String prefix, boolean verdict) {
        Node node = root;
        for (int i = 0; i < prefix.length(); i++) {
            node = node.children.computeIfAbsent(normal(prefix.charAt(i)), c -> new Node());
        }
        node.verdict = verdict;
    }

    /** The verdict of the longest prefix of {@code name} that was put, or null if none. */
    Boolean longestMatch(String name) {
        Node node = root;
        Boolean found = node.verdict;
        for (int i = 0; i < name.length(); i++) {
            node = node.children.get(normal(name.charAt(i)));
            if (node == null) {
                break;
            }
            if (node.verdict != null) {
                found = node.verdict;
            }
        }
        return found;
    }

    private static char normal(char c) {
        return c == '/' ? '.' : c;
    }
}
