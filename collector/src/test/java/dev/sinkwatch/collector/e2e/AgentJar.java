package dev.sinkwatch.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The built agent jar the end-to-end tests attach to real JVMs (here and in the demo module's). */
public final class AgentJar {

    private AgentJar() {
    }

    public static Path path() {
        Path agent = Path.of(System.getProperty("sinkwatch.it.agentJar", "../agent/target/sinkwatch-agent.jar"));
        assertTrue(Files.isRegularFile(agent), "agent jar missing: " + agent.toAbsolutePath()
                + " (the agent module builds first in the reactor)");
        return agent;
    }
}
