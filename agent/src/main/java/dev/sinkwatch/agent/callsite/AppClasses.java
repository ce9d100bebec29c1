package dev.sinkwatch.agent.callsite;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Decides which classes are the application's own code: their frames are call sites, and their calls into sinks
 * and libraries are woven with call-site markers.
 *
 * <p>With {@code sinkwatch.app.packages} set, exactly those prefixes. Otherwise the package of the main class
 * (from {@code sun.java.command}, or the jar's {@code Start-Class}/{@code Main-Class}) cut to its first two
 * segments ({@code com.acme.shop.App} gives {@code com.acme.}); when even that is unknown, every class outside the
 * JDK and well-known libraries, frameworks, drivers and pools.
 */
public final class AppClasses {

    /** Libraries, frameworks, drivers and pools: never application code, even in fallback mode. */
    private static final String[] NOT_APP = {
            "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "org.w3c.", "org.xml.", "org.ietf.",
            "dev.sinkwatch.agent.", "kotlin.", "scala.", "groovy.", "org.codehaus.groovy.", "org.apache.",
            "org.springframework.", "org.hibernate.", "org.jooq.", "org.mybatis.", "org.h2.", "org.postgresql.",
            "org.mariadb.", "com.mysql.", "oracle.", "com.microsoft.sqlserver.", "org.sqlite.", "org.hsqldb.",
            "org.apache.derby.", "com.zaxxer.", "com.mchange.", "org.eclipse.", "io.netty.", "io.undertow.",
            "io.micrometer.", "io.opentelemetry.", "io.grpc.", "io.vertx.", "io.quarkus.", "io.micronaut.",
            "io.projectreactor.", "reactor.", "io.reactivex.", "okhttp3.", "okio.", "retrofit2.", "com.google.",
            "com.fasterxml.", "org.slf4j.", "ch.qos.logback.", "org.jboss.", "org.glassfish.", "net.bytebuddy.",
            "org.objectweb.", "org.junit.", "org.opentest4j.", "org.gradle.", "org.apiguardian.", "com.intellij.",
            "org.yaml.", "org.json.", "org.bouncycastle.", "org.aspectj.", "com.esotericsoftware.", "org.jsoup.",
            "io.lettuce.", "redis.clients.", "com.datastax.", "org.mongodb.", "com.mongodb.", "software.amazon.",
            "com.amazonaws.", "org.openjdk.jmh.", "org.HdrHistogram.", "org.mockito.", "org.assertj.",
            "org.hamcrest.", "net.sf.", "com.thoughtworks.", "org.dom4j.", "io.smallrye.", "org.jctools.",
            "com.github.benmanes.caffeine.", "org.checkerframework.", "com.zaxxer.hikari."
    };

    private final List<String> prefixes;

    private AppClasses(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    public static AppClasses of(List<String> configuredPrefixes) {
        if (!configuredPrefixes.isEmpty()) {
            return new AppClasses(Collections.unmodifiableList(withDots(configuredPrefixes)));
        }
        String detected = detectFromMainClass(System.getProperty("sun.java.command", ""));
        return new AppClasses(detected == null ? Collections.<String>emptyList() : Collections.singletonList(detected));
    }

    private static List<String> withDots(List<String> packages) {
        List<String> out = new ArrayList<>();
        for (String p : packages) {
            out.add(p.endsWith(".") ? p : p + ".");
        }
        return out;
    }

    /** The prefixes in force; empty means fallback mode (everything not known as library code). */
    public List<String> prefixes() {
        return prefixes;
    }

    /** @param className a binary name with dots */
    public boolean isApp(String className) {
        if (className == null || className.startsWith("dev.sinkwatch.agent.")) {
            return false;
        }
        if (!prefixes.isEmpty()) {
            for (String p : prefixes) {
                if (className.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
        return !isLibrary(className);
    }

    /** JDK, agent and well-known library classes. */
    public static boolean isLibrary(String className) {
        for (String p : NOT_APP) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** JDK classes (and the agent's own), whose frames are never a call site. */
    public static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")
                || className.startsWith("dev.sinkwatch.agent.");
    }

    static String detectFromMainClass(String command) {
        if (command == null || command.isBlank()) {
            return null;
        }
        String first = command.trim().split("\\s+")[0];
        String mainClass = first;
        if (first.endsWith(".jar")) {
            mainClass = mainClassOfJar(first);
        }
        if (mainClass == null || AppClasses.isLibrary(mainClass)) {
            return null;
        }
        String[] parts = mainClass.split("\\.");
        if (parts.length < 2) {
            return null; // default package: fall back
        }
        return parts.length == 2 ? parts[0] + "." : parts[0] + "." + parts[1] + ".";
    }

    private static String mainClassOfJar(String path) {
        if (!new File(path).isFile()) {
            return null;
        }
        try (JarFile jar = new JarFile(path, false)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return null;
            }
            String start = manifest.getMainAttributes().getValue("Start-Class"); // Spring Boot's real main class
            return start != null ? start.trim() : manifest.getMainAttributes().getValue("Main-Class");
        } catch (IOException e) {
            return null;
        }
    }
}
