package dev.sinkwatch.agent.callsite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Decides which classes are the application's own code: their frames are call sites, and their calls into sinks
 * and libraries are woven with call-site markers.
 *
 * <p>With {@code sinkwatch.app.packages} set, exactly those prefixes. Otherwise what {@link AppDetector} finds:
 * the real main class's package in full ({@code com.acme.shop.App} gives {@code com.acme.shop.}), looking through
 * Spring Boot, Quarkus and Tomcat launchers; when even that is unknown, every class outside the JDK and well-known
 * libraries, frameworks, drivers and pools.
 */
public final class AppClasses {

    /** Libraries, frameworks, drivers and pools: never application code, even in fallback mode. */
    private static final String[] NOT_APP = {
            "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "org.w3c.", "org.xml.", "org.ietf.",
            "dev.sinkwatch.agent.", "kotlin.", "scala.", "groovy.", "org.codehaus.groovy.", "org.apache.",
            "org.springframework.", "org.hibernate.", "org.jooq.", "org.mybatis.", "org.h2.", "org.postgresql.",
            "org.mariadb.", "com.mysql.", "oracle.", "com.microsoft.sqlserver.", "org.sqlite.", "org.hsqldb.",
            "org.apache.derby.", "com.zaxxer.", "com.mchange.", "org.eclipse.", "io.netty.", "io.undertow.",
            "io.micrometer.", UnshadedNamespaces.OPENTELEMETRY, "io.grpc.", "io.vertx.", "io.quarkus.", "io.micronaut.",
            "io.projectreactor.", "reactor.", "io.reactivex.", "okhttp3.", "okio.", "retrofit2.", "com.google.",
            "com.fasterxml.", "org.slf4j.", "ch.qos.logback.", "org.jboss.", "org.glassfish.",
            UnshadedNamespaces.BYTE_BUDDY, "org.objectweb.", "org.junit.", "org.opentest4j.", "org.gradle.",
            "org.apiguardian.", "com.intellij.", "org.yaml.", "org.json.", "org.bouncycastle.", "org.aspectj.",
            "com.esotericsoftware.", "org.jsoup.", "io.lettuce.", "redis.clients.", "com.datastax.", "org.mongodb.",
            "com.mongodb.", "software.amazon.", "com.amazonaws.", "org.openjdk.jmh.", "org.HdrHistogram.",
            "org.mockito.", "org.assertj.", "org.hamcrest.", "net.sf.", "com.thoughtworks.", "org.dom4j.",
            "io.smallrye.", "org.jctools.", "com.github.benmanes.caffeine.", "org.checkerframework.", "org.thymeleaf.",
            "org.attoparser.", "org.unbescape.", "org.jspecify.", "org.antlr.", "antlr.", "io.helidon.", "org.testng.",
            "org.webjars.", "org.LatencyUtils.", "kotlinx.", "clojure.", "io.dropwizard.", "com.ibm.", "org.jetbrains.",
            "tools.jackson.", "org.aopalliance."
    };

    private final List<String> prefixes;
    private final String source;

    private AppClasses(List<String> prefixes, String source) {
        this.prefixes = prefixes;
        this.source = source;
    }

    public static AppClasses of(List<String> configuredPrefixes) {
        if (!configuredPrefixes.isEmpty()) {
            return new AppClasses(Collections.unmodifiableList(withDots(configuredPrefixes)), "sinkwatch.app.packages");
        }
        AppDetector.Detection detected = AppDetector.detect();
        return new AppClasses(detected.prefixes, detected.reason);
    }

    /** The library namespaces that are never application code. */
    static List<String> libraryNamespaces() {
        return Collections.unmodifiableList(Arrays.asList(NOT_APP));
    }

    /** Where the prefixes come from: the setting, or what detection looked at. */
    public String source() {
        return source;
    }

    /** The start-up line's account of the choice, with how to change it. */
    public String describe() {
        String chosen = prefixes.isEmpty() ? "every class outside the JDK and known libraries"
                : String.join(",", prefixes);
        return "application code: " + chosen + " (" + source + ")"
                + (source.equals("sinkwatch.app.packages") ? "" : "; set sinkwatch.app.packages to change");
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
}
