package dev.sinkwatch.agent;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code -javaagent} entry point. Kept tiny: it puts the bridge classes on the bootstrap class path, then hands
 * over to {@link dev.sinkwatch.agent.install.AgentInstaller}. Any failure is reported on one line and the
 * application starts without the agent. Starts once per JVM: a second start ({@code -javaagent} and a later attach,
 * or two attaches of the same jar) would weave every class twice, so it logs one line and does nothing.
 */
public final class Premain {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Premain() {
    }

    public static void premain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation);
    }

    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation);
    }

    private static void start(String agentArgs, Instrumentation instrumentation) {
        if (!STARTED.compareAndSet(false, true)) {
            AgentLog.info("the agent was already started in this JVM; this second start is ignored");
            return;
        }
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
