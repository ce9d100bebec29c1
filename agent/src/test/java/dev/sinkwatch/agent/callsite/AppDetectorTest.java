package dev.sinkwatch.agent.callsite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's packages as detected from real launch shapes: jars and directories laid out the way Spring
 * Boot, Quarkus, Micronaut and Tomcat lay them out, with their real launcher and main class names.
 */
class AppDetectorTest {

    @TempDir
    Path dir;

    @Test
    void springBootJarGivesTheStartClassPackageInFull() throws IOException {
        for (String launcher : List.of("org.springframework.boot.loader.launch.JarLauncher",
                "org.springframework.boot.loader.JarLauncher", "org.springframework.boot.loader.launch.PropertiesLauncher",
                "org.springframework.boot.loader.launch.WarLauncher")) {
            Path jar = jar("petclinic.jar", launcher, "org.springframework.samples.petclinic.PetClinicApplication",
                    "BOOT-INF/classes/org/springframework/samples/petclinic/PetClinicApplication.class");
            assertPackages(List.of("org.springframework.samples.petclinic."), jar + " --server.port=8080", "", "", "");
        }
        Path shop = jar("shop.jar", "org.springframework.boot.loader.launch.JarLauncher", "com.acme.shop.ShopApplication");
        assertPackages(List.of("com.acme.shop."), shop.toString(), "", "", "");
    }

    @Test
    void propertiesLauncherHonoursLoaderMain() throws IOException {
        Path jar = jar("app.jar", "org.springframework.boot.loader.launch.PropertiesLauncher", "com.acme.Other");
        assertPackages(List.of("com.acme.billing."), jar.toString(), "", "", "com.acme.billing.BillingMain");
    }

    @Test
    void explodedSpringBootLayoutGivesTheStartClassPackage() throws IOException {
        Path app = Files.createDirectories(dir.resolve("app"));
        writeManifest(app.resolve("META-INF/MANIFEST.MF"), "org.springframework.boot.loader.launch.JarLauncher",
                "com.acme.orders.OrdersApplication");
        Files.createDirectories(app.resolve("BOOT-INF/classes/com/acme/orders"));
        assertPackages(List.of("com.acme.orders."), "org.springframework.boot.loader.launch.JarLauncher", app.toString(), "", "");
    }

    @Test
    void explodedSpringBootWithoutManifestGivesTheCommonPackageOfItsClasses() throws IOException {
        Path app = Files.createDirectories(dir.resolve("exploded"));
        classFile(app.resolve("BOOT-INF/classes/com/acme/orders/OrdersApplication.class"));
        classFile(app.resolve("BOOT-INF/classes/com/acme/orders/web/OrderController.class"));
        classFile(app.resolve("BOOT-INF/classes/com/acme/orders/db/OrderRepository.class"));
        assertPackages(List.of("com.acme.orders."), "org.springframework.boot.loader.launch.JarLauncher",
                app.toString(), "", "");
    }

    @Test
    void quarkusRunJarGivesTheApplicationJarsPackage() throws IOException {
        Path quarkusApp = Files.createDirectories(dir.resolve("target/quarkus-app"));
        Path run = jarAt(quarkusApp.resolve("quarkus-run.jar"), "io.quarkus.bootstrap.runner.QuarkusEntryPoint", null);
        Files.createDirectories(quarkusApp.resolve("app"));
        jarAt(quarkusApp.resolve("app/getting-started-1.0.jar"), null, null,
                "org/acme/getting/started/GreetingResource.class", "org/acme/getting/started/model/Greeting.class",
                "META-INF/versions/21/org/acme/X.class");
        assertPackages(List.of("org.acme.getting.started."), run.toString(), "", "", "");
        assertPackages(List.of("org.acme.getting.started."), "io.quarkus.bootstrap.runner.QuarkusEntryPoint",
                run.toString(), "", "");
    }

    @Test
    void micronautApplicationIsItsMainClassPackage() throws IOException {
        assertPackages(List.of("example.micronaut."), "example.micronaut.Application", "", "", "");
        Path jar = jar("micronaut.jar", "example.micronaut.Application", null);
        assertPackages(List.of("example.micronaut."), jar.toString(), "", "", "");
        assertPackages(List.of(), "io.micronaut.function.aws.runtime.MicronautLambdaRuntime", "", "", "");
    }

    @Test
    void tomcatGivesEachWebApplicationsClassesLeavingTomcatsOwnOut() throws IOException {
        Path base = dir.resolve("tomcat");
        classFile(base.resolve("webapps/shop/WEB-INF/classes/com/acme/shop/web/CartServlet.class"));
        classFile(base.resolve("webapps/shop/WEB-INF/classes/com/acme/shop/CartDao.class"));
        classFile(base.resolve("webapps/admin/WEB-INF/classes/org/acme/admin/AdminServlet.class"));
        classFile(base.resolve("webapps/examples/WEB-INF/classes/HelloWorldExample.class"));
        classFile(base.resolve("webapps/manager/WEB-INF/classes/org/apache/catalina/manager/X.class"));
        assertPackages(List.of("org.acme.admin.", "com.acme.shop."), "org.apache.catalina.startup.Bootstrap start",
                "", base.toString(), "");
        assertPackages(List.of(), "org.apache.catalina.startup.Bootstrap start", "", dir.resolve("none").toString(), "");
    }

    @Test
    void plainClassPathIsTheMainClassPackageInFull() {
        assertPackages(List.of("com.acme.shop."), "com.acme.shop.App --port 8080", "", "", "");
        assertPackages(List.of("acme."), "acme.App", "", "", "");
        assertPackages(List.of("org.springframework.samples.petclinic."),
                "org.springframework.samples.petclinic.PetClinicApplication", "", "", "");
    }

    @Test
    void neverAFrameworkOrLibraryNamespace() throws IOException {
        for (String main : List.of("org.springframework.boot.loader.launch.JarLauncher", "io.quarkus.runner.GeneratedMain",
                "io.micronaut.runtime.Micronaut", "org.apache.catalina.startup.Catalina", "jakarta.Foo",
                "javax.Foo", "com.fasterxml.jackson.Main", "org.apache.kafka.Kafka", "io.netty.Main", "App", "")) {
            assertPackages(List.of(), main, "", "", "");
        }
        // Application classes that share only "org.": too broad, it would hold libraries.
        Path quarkusApp = Files.createDirectories(dir.resolve("mixed/quarkus-app/app"));
        Path run = jarAt(quarkusApp.resolveSibling("quarkus-run.jar"), "io.quarkus.bootstrap.runner.QuarkusEntryPoint", null);
        jarAt(quarkusApp.resolve("mixed.jar"), null, null, "org/acme/A.class", "org/other/B.class");
        assertPackages(List.of(), run.toString(), "", "", "");
        assertPackages(List.of(), dir.resolve("missing.jar").toString(), "", "", "");
    }

    @Test
    void theStartUpLineSaysWhatWasChosenAndHowToChangeIt() {
        AppClasses configured = AppClasses.of(List.of("com.acme"));
        assertEquals("application code: com.acme. (sinkwatch.app.packages)", configured.describe());
        AppDetector.Detection detected = AppDetector.detect("com.acme.shop.App", "", "", "");
        assertEquals("main class com.acme.shop.App", detected.reason);
        assertTrue(AppClasses.of(List.of()).describe().contains("set sinkwatch.app.packages to change"));
    }

    private static void assertPackages(List<String> expected, String command, String classPath, String catalinaBase,
                                       String loaderMain) {
        AppDetector.Detection d = AppDetector.detect(command, classPath, catalinaBase, loaderMain);
        assertEquals(expected, d.prefixes, command + " (" + d.reason + ")");
    }

    private Path jar(String name, String main, String start, String... entries) throws IOException {
        return jarAt(dir.resolve(name), main, start, entries);
    }

    private static Path jarAt(Path path, String main, String start, String... entries) throws IOException {
        Manifest manifest = manifest(main, start);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path), manifest)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.write(new byte[]{(byte) 0xCA, (byte) 0xFE});
                out.closeEntry();
            }
        }
        return path;
    }

    private static Manifest manifest(String main, String start) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (main != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main);
        }
        if (start != null) {
            manifest.getMainAttributes().putValue("Start-Class", start);
        }
        return manifest;
    }

    private static void writeManifest(Path file, String main, String start) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            manifest(main, start).write(out);
        }
    }

    private static void classFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[]{(byte) 0xCA, (byte) 0xFE});
    }
}
