package dev.sinkwatch.agent.it;

import com.example.osgi.bundle.SinkActivator;
import com.example.osgi.host.OsgiHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real OSGi framework (Apache Felix, and Eclipse Equinox) with the agent attached runs a bundle built here: {@link SinkActivator} and
 * the H2 driver embedded in the bundle, both loaded by the bundle's class loader. Without boot delegation of
 * {@code dev.sinkwatch.*} the bundle cannot see the bridge: its classes must run exactly as without the agent, while
 * the JDK's sink classes (woven in the boot loader) still record its file read and process. With the documented
 * {@code org.osgi.framework.bootdelegation=dev.sinkwatch.*} the bundle's classes are woven too: its own calls are
 * marked and the embedded driver's connect and query are recorded at the bundle's lines.
 */
class OsgiBundleIT {
    private static final String BUNDLE_OUTPUT = "bundle activator: read=bundle data exit=0 rows=1";
    private static final String ACTIVATOR = SinkActivator.class.getName();
    /** Debug output says which classes were woven. */
    private static final String AGENT_ARGS = "exporter=console,app.packages=com.example.osgi.bundle,debug=true";
    private static Path bundle;

    /** The frameworks, by the start of their jar's name on the test class path. */
    private static final List<String> FRAMEWORKS = List.of("org.apache.felix.framework-", "org.eclipse.osgi-");

    static Stream<Arguments> runtimes() {
        return Jdk.all().stream().flatMap(jdk -> FRAMEWORKS.stream().map(framework -> Arguments.of(jdk, framework)));
    }

    @BeforeAll
    static void buildBundle() throws IOException {
        bundle = Files.createTempFile("sw-bundle", ".jar");
        Path h2 = AppRun.classpathEntries().stream().filter(p -> p.getFileName().toString().startsWith("h2-"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no H2 jar on the test class path"));
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "com.example.osgi.bundle");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", ACTIVATOR);
        main.putValue("Bundle-ClassPath", ".,h2.jar");
        main.putValue("Import-Package", "org.osgi.framework"); // and nothing else: java.* is always the JDK's
        String packagePath = SinkActivator.class.getPackageName().replace('.', '/');
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(bundle), manifest);
             Stream<Path> classes = Files.list(AppRun.testClasses().resolve(packagePath))) {
            for (Path c : classes.collect(Collectors.toList())) {
                add(jar, packagePath + "/" + c.getFileName(), c);
            }
            add(jar, "h2.jar", h2);
        }
    }

    private static void add(JarOutputStream jar, String name, Path content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        Files.copy(content, jar); // leaves the jar stream open
        jar.closeEntry();
    }

    @AfterAll
    static void deleteBundle() throws IOException {
        Files.deleteIfExists(bundle);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runtimes")
    void withoutBootDelegationTheBundleRunsAsWithoutTheAgentAndItsJdkSinkCallsAreRecorded(Jdk jdk, String framework)
            throws Exception {
        AppRun.Result without = host(jdk, framework).run().assertSucceeded();
        AppRun.Result with = host(jdk, framework).withAgent(AGENT_ARGS)
                .run().assertSucceeded();
        assertBundleRan(without);
        assertEquals(bundleLines(without), bundleLines(with), "the bundle's output with the agent");
        assertBundleRan(with);
        assertFalse(with.stderr().contains("NoClassDefFoundError") || with.stdout().contains("NoClassDefFoundError"),
                with.stderr());
        assertFalse(with.stderr().contains("instrumented " + ACTIVATOR), "the bundle's classes are not woven");
        one(with, "file", "read", "read");
        one(with, "process", "exec", "exec");
        assertTrue(with.newKeys().stream().noneMatch(k -> k.path("kind").asText().equals("jdbc")),
                () -> "the driver inside the bundle is not woven:\n" + with.describeKeys());
    }

    /** The documented settings: the namespace, or the bridge's package exactly ({@code ...bootstrap.*} is not it). */
    static Stream<Arguments> bootDelegations() {
        return runtimes().flatMap(runtime -> Stream.of("dev.sinkwatch.*",
                "org.example.other,dev.sinkwatch.agent.bootstrap").map(setting -> Arguments.of(runtime.get()[0],
                runtime.get()[1], setting)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("bootDelegations")
    void withBootDelegationTheBundlesCallsAreMarkedAndItsDriverIsWatched(Jdk jdk, String framework,
            String bootDelegation) throws Exception {
        AppRun.Result with = host(jdk, framework).withAgent(AGENT_ARGS)
                .jvmArg("-Dorg.osgi.framework.bootdelegation=" + bootDelegation)
                .run().assertSucceeded();
        assertBundleRan(with);
        assertTrue(with.stderr().contains("instrumented " + ACTIVATOR), "the bundle's activator is woven");
        one(with, "file", "read", "read");
        one(with, "process", "exec", "exec");
        one(with, "jdbc", "connect", "connect");
        one(with, "jdbc", "query", "query");
    }

    /** The host with one framework on its class path. */
    private static AppRun host(Jdk jdk, String framework) {
        Path jar = AppRun.classpathEntries().stream()
                .filter(p -> p.getFileName().toString().startsWith(framework)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + framework + "*.jar on the test class path"));
        return AppRun.of(jdk, OsgiHost.class).classpath(List.of(AppRun.testClasses(), jar)).args(bundle);
    }

    private static void assertBundleRan(AppRun.Result run) {
        assertTrue(run.stdout().contains(BUNDLE_OUTPUT) && run.stdout().contains("bundle state: ACTIVE"),
                () -> "stdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr());
    }

    private static List<String> bundleLines(AppRun.Result run) {
        return run.stdout().lines().filter(l -> l.startsWith("bundle")).collect(Collectors.toList());
    }

    private static void one(AppRun.Result run, String kind, String operation, String label) {
        int line = SourceMarkers.line(SinkActivator.class, label);
        int found = run.keysAt(kind, operation, SourceMarkers.file(SinkActivator.class), line).size();
        assertEquals(1, found, () -> "one " + kind + " " + operation + " key at SinkActivator.java:" + line + "; all keys:\n"
                + run.describeKeys());
    }
}
