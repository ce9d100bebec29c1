package dev.sinkwatch.collector.detect;

import dev.sinkwatch.contract.SinkKind;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ldap.injection}: structure added to a call site's known LDAP filter shapes (the agent's shape: attributes
 * and operators kept, values {@code ?}, wildcards {@code *}; see docs/agent-output.md). Signals, counted:
 *
 * <ul>
 *   <li>{@code OR}: an {@code (|} group;</li>
 *   <li>{@code NOT}: an {@code (!} group;</li>
 *   <li>{@code presence}: a match of anything ({@code (uid=*)});</li>
 *   <li>{@code extra filter}: more than one top-level filter, or parentheses that do not balance (what a value
 *       closing its parenthesis leaves).</li>
 * </ul>
 *
 * <p>Example: known {@code (&(uid=?)(userPassword=?))}, observed {@code (&(uid=*)(uid=*))(|(uid=*)(userPassword=?))}
 * → CRITICAL, added: OR, presence, extra filter.
 */
final class LdapInjectionDetector extends AddedStructureRule {

    @Override
    public String name() {
        return "ldap.injection";
    }

    @Override
    public SinkKind kind() {
        return SinkKind.LDAP;
    }

    @Override
    String label() {
        return "LDAP injection";
    }

    @Override
    Map<String, Integer> signals(String shape) {
        Map<String, Integer> out = new LinkedHashMap<>();
        putIfPositive(out, "OR", occurrences(shape, "(|"));
        putIfPositive(out, "NOT", occurrences(shape, "(!"));
        putIfPositive(out, "presence", occurrences(shape, "=*)"));
        int depth = 0;
        int roots = 0;
        boolean unbalanced = false;
        for (int i = 0; i < shape.length(); i++) {
            char c = shape.charAt(i);
            if (c == '(') {
                if (depth == 0) {
                    roots++;
                }
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    unbalanced = true;
                    depth = 0;
                }
            }
        }
        putIfPositive(out, "extra filter", Math.max(0, roots - 1) + (unbalanced || depth != 0 ? 1 : 0));
        return out;
    }
}
