package dev.sinkwatch.agent.install;

import java.util.Arrays;

/**
 * Class-name prefixes mapped to a verdict, answered by the longest prefix that matches: {@code org.springframework.}
 * can be ignored while {@code org.springframework.samples.petclinic.} is allowed. One walk down the name, no
 * allocation; {@code .} and {@code /} are the same character, so binary and internal names both work. A node's
 * children are two small parallel arrays scanned in order: most nodes have one child, and a hash lookup per
 * character showed in start-up profiles.
 */
final class PrefixTrie {
    private final Node root = new Node();

    private static final class Node {
        char[] keys = new char[0];
        Node[] children = new Node[0];
        Boolean verdict;

        Node child(char c) {
            char[] k = keys;
            for (int i = 0; i < k.length; i++) {
                if (k[i] == c) {
                    return children[i];
                }
            }
            return null;
        }

        Node addChild(char c) {
            Node existing = child(c);
            if (existing != null) {
                return existing;
            }
            Node created = new Node();
            keys = Arrays.copyOf(keys, keys.length + 1);
            children = Arrays.copyOf(children, children.length + 1);
            keys[keys.length - 1] = c;
            children[children.length - 1] = created;
            return created;
        }
    }

    /** Adds (or replaces) the verdict for names starting with {@code prefix}. */
    void put(String prefix, boolean verdict) {
        Node node = root;
        for (int i = 0; i < prefix.length(); i++) {
            node = node.addChild(normal(prefix.charAt(i)));
        }
        node.verdict = verdict;
    }

    /** The verdict of the longest prefix of {@code name} that was put, or null if none. */
    Boolean longestMatch(String name) {
        Node node = root;
        Boolean found = node.verdict;
        for (int i = 0; i < name.length(); i++) {
            node = node.child(normal(name.charAt(i)));
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
