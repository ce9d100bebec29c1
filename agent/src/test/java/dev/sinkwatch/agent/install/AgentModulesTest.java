package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.config.AgentConfig;
import dev.sinkwatch.agent.sink.InstrumentationModule;
import dev.sinkwatch.agent.sink.SinkModule;
import dev.sinkwatch.contract.SinkKind;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The modules the agent declares are found with ServiceLoader, and {@code sinkwatch.sinks} chooses among them. */
class AgentModulesTest {
    private static final ClassLoader AGENT = AgentModulesTest.class.getClassLoader();

    @Test
    void everyModuleInTheServicesFilesIsFoundInItsOrderAndDefinedByTheAgentsLoader() throws IOException {
        AgentModules modules = AgentModules.load(AGENT);
        assertEquals(declared(SinkModule.class), names(modules.sinks()));
        assertEquals(declared(InstrumentationModule.class), names(modules.others()));
        for (Object module : modules.sinks()) {
            assertSame(AGENT, module.getClass().getClassLoader(), module.getClass().getName());
        }
    }

    @Test
    void everySinkKindHasExactlyOneModule() throws IOException {
        List<SinkKind> kinds = AgentModules.load(AGENT).sinks().stream().map(SinkModule::kind).collect(Collectors.toList());
        assertEquals(Arrays.asList(SinkKind.values()), kinds);
    }

    @Test
    void aDisabledKindsTypesAreRejectedByNameAndAnEnabledKindsKept() throws IOException {
        AgentModules modules = AgentModules.load(AGENT);
        AgentConfig withoutFiles = config("jdbc,net,process,deserialization,jndi");
        List<String> fileTypes = List.of("java.io.FileInputStream", "java/io/FileOutputStream", "java.io.File",
                "sun.nio.fs.UnixFileSystemProvider", "java.io.RandomAccessFile");

        TypeFilter filter = new TypeFilter(modules.namedTypes(withoutFiles), List.of("com.acme."));
        for (String type : fileTypes) {
            assertTrue(filter.ignores(type, AGENT), type + " is left alone when file is disabled");
        }
        for (String type : List.of("java.net.Socket", "java.lang.ProcessBuilder", "javax.naming.InitialContext",
                "jakarta.servlet.http.HttpServlet")) {
            assertFalse(filter.ignores(type, AGENT), type + " stays instrumentable");
        }
        assertFalse(modules.enabledSinks(withoutFiles).stream().anyMatch(m -> m.kind() == SinkKind.FILE));

        TypeFilter all = new TypeFilter(modules.namedTypes(config("jdbc,file,net,process,deserialization,jndi")),
                List.of("com.acme."));
        for (String type : fileTypes) {
            assertFalse(all.ignores(type, AGENT), type + " is instrumentable when file is enabled");
        }
    }

    @Test
    void namedTypesAreExactlyWhatTheEarlyFilterUsedToAllow() throws IOException {
        Set<String> all = AgentModules.load(AGENT).namedTypes(config("jdbc,file,net,process,deserialization,jndi"));
        assertEquals(Set.of("java.io.FileInputStream", "java.io.FileOutputStream", "java.io.RandomAccessFile",
                "java.io.File", "sun.nio.fs.UnixFileSystemProvider", "java.net.Socket", "sun.nio.ch.SocketChannelImpl",
                "java.net.DatagramSocket", "sun.nio.ch.DatagramChannelImpl", "java.net.InetAddress",
                "sun.net.www.protocol.http.HttpURLConnection", "jdk.internal.net.http.HttpClientImpl",
                "java.lang.ProcessBuilder", "java.io.ObjectInputStream", "javax.naming.InitialContext",
                "jakarta.servlet.http.HttpServlet", "javax.servlet.http.HttpServlet",
                // the request context: executors it is handed to, and what frameworks parse from requests
                "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.AbstractExecutorService",
                "java.util.concurrent.ForkJoinPool",
                "java.util.concurrent.CompletableFuture", "com.fasterxml.jackson.core.json.UTF8StreamJsonParser",
                "com.fasterxml.jackson.core.json.ReaderBasedJsonParser",
                "com.fasterxml.jackson.core.json.UTF8DataInputJsonParser", "org.apache.catalina.connector.Request",
                "org.eclipse.jetty.server.Request",
                "org.springframework.web.servlet.mvc.method.annotation.PathVariableMethodArgumentResolver",
                // the containers' AsyncContext, whose start(Runnable) continues a request on their pool
                "org.apache.catalina.core.AsyncContextImpl", "org.eclipse.jetty.server.AsyncContextState",
                "org.eclipse.jetty.ee10.servlet.AsyncContextState", "org.eclipse.jetty.ee9.nested.AsyncContextState"),
                all);
    }

    private static AgentConfig config(String sinks) {
        return AgentConfig.load(null, props(sinks), Map.of());
    }

    private static Properties props(String sinks) {
        Properties p = new Properties();
        p.setProperty("sinkwatch.sinks", sinks);
        return p;
    }

    private static List<String> names(List<?> modules) {
        return modules.stream().map(m -> m.getClass().getName()).collect(Collectors.toList());
    }

    /** The provider names in the agent's services file for a service, comments left out. */
    private static List<String> declared(Class<?> service) throws IOException {
        String file = "META-INF/services/" + service.getName();
        List<String> names = new ArrayList<>();
        try (InputStream in = AGENT.getResourceAsStream(file)) {
            assertNotNull(in, file);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String name = line.replaceAll("#.*", "").trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        assertFalse(names.isEmpty(), file);
        return names;
    }
}
