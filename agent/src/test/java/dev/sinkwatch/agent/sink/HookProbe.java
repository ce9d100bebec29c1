package dev.sinkwatch.agent.sink;

import dev.sinkwatch.agent.bootstrap.ThreadState;

import java.util.ArrayList;
import java.util.List;

/** The "bridge" {@link HookWeaverTest}'s hooks call: it writes down what it was given. */
public final class HookProbe {
    public static final List<String> calls = new ArrayList<>();

    private HookProbe() {
    }

    public static void sinkExit(ThreadState state, Object target, Object returned, Throwable thrown) {
        calls.add("exit " + target + " returned " + returned + " thrown " + thrown);
    }

    public static void plainExit(ThreadState state, Object target, Throwable thrown) {
        calls.add("exit " + target + " thrown " + (thrown == null ? null : thrown.getClass().getSimpleName()));
    }

    public static void staticExit(ThreadState state, Object self, Throwable thrown) {
        calls.add("static exit self " + self + " thrown " + thrown);
    }

    public static void entered(Object argument) {
        calls.add("entered " + argument);
    }

    public static void typed(Class<?> type) {
        calls.add("typed " + type.getName());
    }

    public static String replace(Object argument) {
        return "replaced " + argument;
    }

    public static void constructed(Object self, Object argument, Object field) {
        calls.add("constructed " + argument + " field " + field + " self " + (self != null));
    }
}
