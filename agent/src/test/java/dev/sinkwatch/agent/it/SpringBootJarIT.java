package dev.sinkwatch.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.samples.sinkwatch.BootShapedApp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spring Boot executable jar, built here the way Spring Boot's build plugin lays it out (the real launcher at the
 * root, the application under BOOT-INF/classes, its libraries stored under BOOT-INF/lib, Start-Class in the
 * manifest) and run with {@code java -jar}: with no setting, the agent takes the Start-Class package in full as the
 * application, even though it starts with {@code org.springframework}, and keeps Spring itself a library.
 */
class SpringBootJarIT {

    @TempDir
    Path dir;

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theStartClassPackageIsTheApplicationAndSpringStaysALibrary(Jdk jdk) throws Exception {
        Path jar = bootJar(dir.resolve("boot-shaped.jar"));
        AppRun.Result run = AppRun.of(jdk, BootShapedApp.class).jar(jar).withAgent("exporter=console").run()
                .assertSucceeded();

        assertTrue(run.stdout().contains("written 3"), run.stdout());
        assertTrue(run.stderr().contains("[sinkwatch] application code: org.springframework.samples.sinkwatch. "
                + "(Start-Class of boot-shaped.jar); set sinkwatch.app.packages to change"), run.stderr());
        assertTrue(!run.stderr().contains("Sharing is only supported for boot loader classes"), run.stderr());

        String file = SourceMarkers.file(BootShapedApp.class);
        assertEquals(1, run.keysAt("file", "write", file, SourceMarkers.line(BootShapedApp.class, "boot-direct")).size(),
                run::describeKeys);
        // Through FileCopyUtils the call site is still the application's line, not a line inside Spring.
        List<JsonNode> through = run.keysAt("file", "write", file,
                SourceMarkers.line(BootShapedApp.class, "boot-through-spring"));
        assertEquals(1, through.size(), run::describeKeys);
        for (JsonNode frame : through.get(0).path("frames")) {
            assertTrue(frame.asText().startsWith("org.springframework.samples.sinkwatch."),
                    "only application frames: " + through.get(0));
        }
    }

    /** The Spring Boot jar layout, with the real launcher from spring-boot-loader. */
    private static Path bootJar(Path target) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        manifest.getMainAttributes().putValue("Start-Class", BootShapedApp.class.getName());
        manifest.getMainAttributes().putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        manifest.getMainAttributes().putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
            try (JarFile loader = new JarFile(library("spring-boot-loader-").toFile())) {
                for (Enumeration<JarEntry> e = loader.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().startsWith("org/") && !entry.isDirectory()) {
                        try (InputStream in = loader.getInputStream(entry)) {
                            out.putNextEntry(new JarEntry(entry.getName()));
                            in.transferTo(out);
                            out.closeEntry();
                        }
                    }
                }
            }
            String appClass = BootShapedApp.class.getName().replace('.', '/') + ".class";
            directories(out, "BOOT-INF/classes/" + appClass);
            directories(out, "BOOT-INF/lib/x");
            out.putNextEntry(new JarEntry("BOOT-INF/classes/" + appClass));
            out.write(Files.readAllBytes(AppRun.testClasses().resolve(appClass)));
            out.closeEntry();
            for (String lib : List.of("spring-core-", "spring-jcl-")) {
                Path jar = library(lib);
                stored(out, "BOOT-INF/lib/" + jar.getFileName(), Files.readAllBytes(jar));
            }
        }
        return target;
    }

    /** The directory entries above a file, as a build tool writes them (the launcher looks packages up by them). */
    private static void directories(JarOutputStream out, String file) throws IOException {
        for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
            String dirName = file.substring(0, slash + 1);
            if (!dirName.equals("BOOT-INF/") || file.startsWith("BOOT-INF/classes/")) {
                out.putNextEntry(new JarEntry(dirName));
                out.closeEntry();
            }
        }
    }

    /** Nested jars must be stored uncompressed for the launcher to open them in place. */
    private static void stored(JarOutputStream out, String name, byte[] bytes) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

    private static Path library(String prefix) {
        return AppRun.classpathEntries().stream().filter(p -> p.getFileName().toString().startsWith(prefix))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar on the test class path"));
    }
}
