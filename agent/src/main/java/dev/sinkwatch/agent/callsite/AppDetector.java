package dev.sinkwatch.agent.callsite;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Finds the application's own packages when {@code sinkwatch.app.packages} is not set, from how the JVM was
 * launched: the package of the real main class in full, looking through the launchers of Spring Boot (jar and
 * exploded), Quarkus and Tomcat. Never a framework or library namespace: when nothing sensible is found the answer
 * is empty, which means "everything but known libraries".
 */
public final class AppDetector {

    /** What was chosen, and why (for the start-up line). */
    public static final class Detection {
        public final List<String> prefixes;
        public final String reason;

        Detection(List<String> prefixes, String reason) {
            this.prefixes = prefixes;
            this.reason = reason;
        }

        static Detection none(String reason) {
            return new Detection(Collections.<String>emptyList(), reason);
        }
    }

    private static final String[] SPRING_BOOT_LAUNCHERS = {
            "org.springframework.boot.loader.launch.", "org.springframework.boot.loader."};
    private static final String QUARKUS_ENTRY = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
    private static final String TOMCAT_BOOTSTRAP = "org.apache.catalina.startup.Bootstrap";
    /** Tomcat's own web applications, never the user's. */
    private static final List<String> TOMCAT_OWN_WEBAPPS = Arrays.asList("docs", "examples", "host-manager", "manager");

    private AppDetector() {
    }

    /** Detects from this JVM's launch: {@code sun.java.command}, the class path and launcher properties. */
    public static Detection detect() {
        return detect(System.getProperty("sun.java.command", ""), System.getProperty("java.class.path", ""),
                System.getProperty("catalina.base", System.getProperty("catalina.home", "")),
                System.getProperty("loader.main", ""));
    }

    /**
     * @param command      {@code sun.java.command}: a main class or a jar path, then the program arguments
     * @param classPath    {@code java.class.path}
     * @param catalinaBase Tomcat's base directory, empty if none
     * @param loaderMain   Spring Boot PropertiesLauncher's {@code loader.main}, empty if none
     */
    static Detection detect(String command, String classPath, String catalinaBase, String loaderMain) {
        String first = command == null || command.isBlank() ? "" : command.trim().split("\\s+")[0];
        if (first.isEmpty()) {
            return Detection.none("the main class is unknown");
        }
        if (first.endsWith(".jar") || first.endsWith(".war")) {
            return fromJar(new File(first), loaderMain);
        }
        return fromMainClass(first, splitPath(classPath), catalinaBase, loaderMain);
    }

    private static Detection fromJar(File jar, String loaderMain) {
        Manifest manifest = manifestOf(jar);
        if (manifest == null) {
            return Detection.none("no manifest in " + jar.getName());
        }
        String start = attribute(manifest, "Start-Class");
        String main = attribute(manifest, "Main-Class");
        if (!loaderMain.isEmpty() && isSpringBootLauncher(main)) {
            return ofMainClass(loaderMain, "loader.main of " + jar.getName());
        }
        if (start != null) {
            return ofMainClass(start, "Start-Class of " + jar.getName());
        }
        if (QUARKUS_ENTRY.equals(main)) {
            return fromQuarkus(jar);
        }
        return main == null ? Detection.none("no Main-Class in " + jar.getName())
                : ofMainClass(main, "Main-Class of " + jar.getName());
    }

    private static Detection fromMainClass(String mainClass, List<File> classPath, String catalinaBase,
                                           String loaderMain) {
        if (isSpringBootLauncher(mainClass)) {
            if (!loaderMain.isEmpty()) {
                return ofMainClass(loaderMain, "loader.main");
            }
            return fromExplodedSpringBoot(classPath);
        }
        if (QUARKUS_ENTRY.equals(mainClass)) {
            for (File entry : classPath) {
                if (entry.getName().equals("quarkus-run.jar")) {
                    return fromQuarkus(entry);
                }
            }
            return Detection.none("Quarkus without quarkus-run.jar on the class path");
        }
        if (TOMCAT_BOOTSTRAP.equals(mainClass)) {
            return fromTomcat(catalinaBase);
        }
        return ofMainClass(mainClass, "main class " + mainClass);
    }

    /** {@code java -cp <exploded jar> JarLauncher}: its manifest's Start-Class, else BOOT-INF/classes' packages. */
    private static Detection fromExplodedSpringBoot(List<File> classPath) {
        for (File dir : classPath) {
            File manifestFile = new File(dir, "META-INF/MANIFEST.MF");
            if (dir.isDirectory() && manifestFile.isFile()) {
                try (InputStream in = Files.newInputStream(manifestFile.toPath())) {
                    String start = attribute(new Manifest(in), "Start-Class");
                    if (start != null) {
                        return ofMainClass(start, "Start-Class of exploded " + dir.getName());
                    }
                } catch (IOException e) {
                    // unreadable manifest: try the classes themselves
                }
            }
            File classes = new File(dir, "BOOT-INF/classes");
            if (classes.isDirectory()) {
                return ofClasses(classNamesUnder(classes.toPath()), "classes of exploded " + dir.getName());
            }
        }
        return Detection.none("Spring Boot launcher without Start-Class");
    }

    /** quarkus-app/quarkus-run.jar: the application's classes are the jars in quarkus-app/app. */
    private static Detection fromQuarkus(File runJar) {
        File appDir = new File(runJar.getAbsoluteFile().getParentFile(), "app");
        File[] jars = appDir.listFiles((d, name) -> name.endsWith(".jar"));
        List<String> classes = new ArrayList<>();
        if (jars != null) {
            for (File jar : jars) {
                classes.addAll(classNamesIn(jar));
            }
        }
        return ofClasses(classes, "Quarkus application jars in " + appDir);
    }

    /** Tomcat: the classes of each web application under catalina.base/webapps (Tomcat's own left out). */
    private static Detection fromTomcat(String catalinaBase) {
        File[] apps = catalinaBase.isEmpty() ? null : new File(catalinaBase, "webapps").listFiles(File::isDirectory);
        List<String> prefixes = new ArrayList<>();
        if (apps != null) {
            Arrays.sort(apps);
            for (File app : apps) {
                File classes = new File(app, "WEB-INF/classes");
                if (!TOMCAT_OWN_WEBAPPS.contains(app.getName()) && classes.isDirectory()) {
                    for (String p : ofClasses(classNamesUnder(classes.toPath()), "").prefixes) {
                        if (!prefixes.contains(p)) {
                            prefixes.add(p);
                        }
                    }
                }
            }
        }
        return prefixes.isEmpty() ? Detection.none("no web application classes under " + catalinaBase + "/webapps")
                : new Detection(Collections.unmodifiableList(prefixes), "web applications in " + catalinaBase);
    }

    private static boolean isSpringBootLauncher(String mainClass) {
        if (mainClass == null) {
            return false;
        }
        for (String launcher : SPRING_BOOT_LAUNCHERS) {
            if (mainClass.startsWith(launcher)) {
                return true;
            }
        }
        return false;
    }

    /** The main class's package in full, unless the class is a framework's (a launcher we cannot see through). */
    static Detection ofMainClass(String mainClass, String source) {
        int dot = mainClass.lastIndexOf('.');
        if (dot <= 0) {
            return Detection.none(source + " is in the default package");
        }
        if (isFrameworkClass(mainClass)) {
            return Detection.none(source + " is a framework's, not the application's");
        }
        return ofPackage(mainClass.substring(0, dot + 1), source);
    }

    /** The deepest package all these classes share. */
    static Detection ofClasses(List<String> classNames, String source) {
        String common = null;
        for (String name : classNames) {
            int dot = name.lastIndexOf('.');
            String pkg = dot < 0 ? "" : name.substring(0, dot + 1);
            common = common == null ? pkg : commonPackage(common, pkg);
        }
        return common == null || common.isEmpty() ? Detection.none("no packaged classes in " + source)
                : ofPackage(common, source);
    }

    private static Detection ofPackage(String pkg, String source) {
        if (coversLibrary(pkg)) {
            return Detection.none(source + " gives " + pkg + ", which would include libraries");
        }
        return new Detection(Collections.singletonList(pkg), source);
    }

    /** A package so broad that a known library namespace lies inside it ({@code org.}, {@code com.google.}). */
    private static boolean coversLibrary(String pkg) {
        for (String library : AppClasses.libraryNamespaces()) {
            if (library.startsWith(pkg)) {
                return true;
            }
        }
        return pkg.indexOf('.') == pkg.length() - 1 && pkg.length() <= 4; // com., org., io., net.
    }

    /**
     * A main class that belongs to a library: a launcher or tool. Spring's own sample applications
     * ({@code org.springframework.samples}) are applications, even though they live under the framework's name.
     */
    private static boolean isFrameworkClass(String mainClass) {
        return AppClasses.isLibrary(mainClass) && !mainClass.startsWith("org.springframework.samples.");
    }

    private static String commonPackage(String a, String b) {
        int end = 0;
        int max = Math.min(a.length(), b.length());
        for (int i = 0; i < max && a.charAt(i) == b.charAt(i); i++) {
            if (a.charAt(i) == '.') {
                end = i + 1;
            }
        }
        return a.substring(0, end);
    }

    private static List<File> splitPath(String classPath) {
        List<File> out = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.add(new File(entry));
            }
        }
        return out;
    }

    private static Manifest manifestOf(File jar) {
        if (!jar.isFile()) {
            return null;
        }
        try (JarFile file = new JarFile(jar, false)) {
            return file.getManifest();
        } catch (IOException e) {
            return null;
        }
    }

    private static String attribute(Manifest manifest, String name) {
        String value = manifest.getMainAttributes().getValue(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> classNamesIn(File jar) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar, false)) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                addClassName(entries.nextElement().getName(), names);
            }
        } catch (IOException e) {
            // unreadable jar: contributes nothing
        }
        return names;
    }

    private static List<String> classNamesUnder(Path root) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .forEach(p -> addClassName(root.relativize(p).toString().replace(File.separatorChar, '/'), names));
        } catch (IOException e) {
            // unreadable directory: contributes nothing
        }
        return names;
    }

    private static void addClassName(String entry, List<String> into) {
        if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")
                && !entry.endsWith("package-info.class")) {
            into.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
    }
}
