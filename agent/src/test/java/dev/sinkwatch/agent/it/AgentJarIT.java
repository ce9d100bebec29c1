package dev.sinkwatch.agent.it;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one jar users attach: an agent manifest, no third-party class at its original package, and code that still
 * names the application's own copies of the libraries it shades.
 */
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

    /**
     * The shading rewrites string constants naming a relocated package: the application's own Byte Buddy and
     * OpenTelemetry must still be libraries to the shaded agent, neither application code nor read at each load.
     */
    @Test
    void theShadedAgentTellsTheApplicationsOwnByteBuddyAndOpenTelemetryAsLibraries() throws Exception {
        try (URLClassLoader agent = new URLClassLoader(new URL[] {AppRun.AGENT_JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Method isLibrary = agent.loadClass("dev.sinkwatch.agent.callsite.AppClasses")
                    .getMethod("isLibrary", String.class);
            Constructor<?> newFilter = agent.loadClass("dev.sinkwatch.agent.install.TypeFilter")
                    .getDeclaredConstructor(Set.class, List.class);
            newFilter.setAccessible(true);
            Object filter = newFilter.newInstance(Set.of(), List.of("com.acme."));
            Method ignores = filter.getClass().getDeclaredMethod("ignores", String.class, ClassLoader.class);
            ignores.setAccessible(true);
            for (String name : List.of("net.bytebuddy.ByteBuddy", "io.opentelemetry.api.GlobalOpenTelemetry",
                    "tools.jackson.databind.ObjectMapper")) {
                assertEquals(true, isLibrary.invoke(null, name), name + " is a library");
                assertEquals(true, ignores.invoke(filter, name.replace('.', '/'), agent), name + " is ignored");
            }
            assertEquals(false, ignores.invoke(filter, "com/acme/Shop", agent), "the application is not ignored");
        }
    }
}
