package dev.sinkwatch.agent.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one jar users attach: an agent manifest, and no third-party class at its original package. */
class AgentJarIT {

    @Test
    void everyClassIsTheAgentsOwnOrRelocatedUnderIt() throws Exception {
        try (JarFile jar = new JarFile(AppRun.AGENT_JAR.toFile())) {
            List<String> foreign = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.startsWith("dev/sinkwatch/agent/"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), foreign, "classes outside dev/sinkwatch/agent/");
            assertTrue(jar.getEntry("dev/sinkwatch/agent/shaded/bytebuddy/agent/builder/AgentBuilder.class") != null);
            assertTrue(jar.getEntry("dev/sinkwatch/agent/shaded/otel/sdk/logs/SdkLoggerProvider.class") != null);
            List<String> services = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/"))
                    .filter(n -> !n.startsWith("META-INF/services/dev.sinkwatch.agent."))
                    .collect(Collectors.toList());
            assertEquals(List.of(), services, "service files must name relocated or the agent's own interfaces");
            Manifest manifest = jar.getManifest();
            assertEquals("dev.sinkwatch.agent.Premain", manifest.getMainAttributes().getValue("Premain-Class"));
            assertEquals("true", manifest.getMainAttributes().getValue("Can-Retransform-Classes"));
        }
    }
}
