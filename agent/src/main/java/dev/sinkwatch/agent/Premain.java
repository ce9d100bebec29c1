package dev.sinkwatch.agent;

import java.lang.instrument.Instrumentation;

/**
 * {@code -javaagent} entry point. Kept tiny: it puts the bridge classes on the bootstrap class path, then hands
 * over to {@link dev.sinkwatch.agent.install.AgentInstaller}. Any failure is reported on one line and the
 * application starts without the agent.
 */
public final class Premain {
    private Premain() {
    }

    public static void premain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation);
    }

    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation);
    }

    private static void start(String agentArgs, Instrumentation instrumentation) {
        try {
            BootstrapInjector.inject(instrumentation);
            dev.sinkwatch.agent.install.AgentInstaller.install(agentArgs, instrumentation);
        } catch (Throwable t) {
            System.err.println("[sinkwatch] ERROR: the agent could not start and is disabled; the application runs "
                    + "without it. Cause: " + t);
            if (Boolean.getBoolean("sinkwatch.debug")) {
                t.printStackTrace();
            }
        }
    }
}
