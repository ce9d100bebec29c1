package dev.sinkwatch.agent;

/**
 * The agent's own messages, on standard error with a {@code [sinkwatch]} prefix. Never java.util.logging or a
 * logging framework: initialising those from an agent breaks applications that configure them later.
 */
public final class AgentLog {
    private static volatile boolean debug;

    private AgentLog() {
    }

    public static void debug(boolean on) {
        debug = on;
    }

    public static boolean isDebug() {
        return debug;
    }

    public static void info(String message) {
        System.err.println("[sinkwatch] " + message);
    }

    public static void warn(String message) {
        System.err.println("[sinkwatch] WARNING: " + message);
    }

    public static void debug(String message) {
        if (debug) {
            System.err.println("[sinkwatch] debug: " + message);
        }
    }
}
