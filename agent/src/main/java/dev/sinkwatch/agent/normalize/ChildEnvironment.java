package dev.sinkwatch.agent.normalize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The part of a child process's environment the application chose: the variables whose value differs from this
 * JVM's own environment ({@code ProcessBuilder.environment().put}, the {@code envp} of {@code Runtime.exec}).
 * Variables removed, or copied unchanged, are not the application's choice and are left out. Written before the
 * command as a shell would, names kept and values folded: {@code GREETING=? sh -c "echo ?"}. A name that is not a
 * plain identifier ({@code [A-Za-z0-9_]}, at most 64 characters) folds to {@code ?}. Stateless and thread-safe.
 */
public final class ChildEnvironment {
    /** Variables shown at most; the rest are left out (a child given a whole environment of its own). */
    public static final int MAX_VARIABLES = 32;

    private ChildEnvironment() {
    }

    /** The names the application set, sorted; empty for a null environment (the JVM's, inherited). */
    public static List<String> appSet(Map<String, String> environment) {
        if (environment == null || environment.isEmpty()) {
            return Collections.emptyList();
        }
        Map<String, String> inherited = System.getenv();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey() != null && e.getValue() != null && !e.getValue().equals(inherited.get(e.getKey()))) {
                names.add(e.getKey());
            }
        }
        Collections.sort(names);
        return names.size() > MAX_VARIABLES ? names.subList(0, MAX_VARIABLES) : names;
    }

    /** {@code NAME=? } per variable the application set, or the empty string. */
    public static String shape(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            out.append(plain(name) ? name : "?").append("=? ");
        }
        return out.toString();
    }

    /** {@code NAME=value } per variable the application set: the raw text input spans refer to. */
    public static String raw(List<String> names, Map<String, String> environment) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            out.append(name).append('=').append(environment.get(name)).append(' ');
        }
        return out.toString();
    }

    private static boolean plain(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
