package dev.sinkwatch.agent.install;

import dev.sinkwatch.agent.callsite.UnshadedNamespaces;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rejects, by name and class loader alone, every class that can be neither a sink nor application code, before
 * Byte Buddy describes it: one hash lookup per package level of its name ({@link PackageVerdicts}), no class file
 * parsed, no type pool consulted. Modelled on the OpenTelemetry agent's ignored-types trie.
 *
 * <p>Kept: the types the enabled modules name ({@code InstrumentationModule.typeNames()}: JDK sink classes, the
 * servlet class), the application's packages, and every other namespace,
 * because a JDBC driver or pool can live anywhere. Rejected: the rest of the JDK, the agent, and the frameworks and
 * libraries listed here, which implement no JDBC driver, connection or statement. A JDBC wrapper in a rejected
 * namespace would lose nothing: the driver underneath it is instrumented and sees the same call.
 */
final class TypeFilter {

    /** Namespaces with no sink implementation and no application code. */
    private static final String[] IGNORED = {
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.sinkwatch.agent.", UnshadedNamespaces.BYTE_BUDDY,
            "org.objectweb.asm.", "kotlin.", "kotlinx.", "scala.", "groovy.", "org.codehaus.groovy.",
            "org.springframework.", "org.hibernate.", "jakarta.", "com.fasterxml.", "tools.jackson.", "org.slf4j.",
            "ch.qos.logback.", "org.apache.logging.", "org.apache.commons.logging.", "org.apache.catalina.",
            "org.apache.coyote.", "org.apache.tomcat.util.", "org.apache.tomcat.websocket.", "org.apache.el.",
            "org.apache.jasper.", "org.apache.juli.", "org.apache.naming.", "io.micrometer.", "io.netty.", "reactor.",
            "io.projectreactor.", "org.thymeleaf.", "org.attoparser.", "org.unbescape.", "org.yaml.",
            "org.jboss.logging.", "org.jboss.jandex.", "org.glassfish.jaxb.", "com.google.common.", "com.google.gson.",
            "com.google.protobuf.", "org.aspectj.", "org.aopalliance.", UnshadedNamespaces.OPENTELEMETRY,
            "org.HdrHistogram.", "org.LatencyUtils.", "com.github.benmanes.caffeine.", "org.checkerframework.",
            "org.jspecify.", "org.antlr.", "antlr.", "io.micronaut.", "io.quarkus.", "io.smallrye.", "io.vertx.",
            "io.undertow.", "org.eclipse.jetty.", "org.webjars.", "org.junit.", "org.opentest4j.", "org.mockito.",
            "org.assertj.", "org.hamcrest.", "org.apiguardian.", "org.jetbrains.annotations.", "org.json.",
            "org.bouncycastle.", "com.esotericsoftware.", "org.jsoup.",
    };

    private final PackageVerdicts ignored = new PackageVerdicts();
    private final Set<String> namedTypes;

    /**
     * @param namedTypes  the types an enabled module matches by name (binary names): kept even inside an ignored
     *                    namespace
     * @param appPackages the application's packages: kept even inside an ignored namespace
     */
    TypeFilter(Set<String> namedTypes, List<String> appPackages) {
        this.namedTypes = new HashSet<>();
        for (String name : namedTypes) {
            this.namedTypes.add(name);
            this.namedTypes.add(name.replace('.', '/')); // the transformer sees internal names
        }
        for (String prefix : IGNORED) {
            ignored.put(prefix, true);
        }
        for (String app : appPackages) {
            if (!isJdkName(app)) {
                ignored.put(app, false);
            }
        }
    }

    /** Whether a class (binary or internal name) is left alone. */
    boolean ignores(String name, ClassLoader loader) {
        if (name == null) {
            return true;
        }
        Boolean verdict = ignored.longestMatch(name);
        if (verdict == Boolean.TRUE) {
            return !namedTypes.contains(name);
        }
        if (verdict == Boolean.FALSE) {
            return false;
        }
        // Generated classes (CGLIB, Byte Buddy and Hibernate proxies): no source line, no sink of their own.
        if (name.contains("$$")) {
            return true;
        }
        // The boot loader holds only the JDK and the agent's bridge; reflection's accessor loaders only accessors.
        return loader == null || loader.getClass().getName().equals("jdk.internal.reflect.DelegatingClassLoader");
    }

    /** Whether a class (binary or internal name) is one an enabled module matches by name. */
    boolean isNamedType(String name) {
        return namedTypes.contains(name);
    }

    private static boolean isJdkName(String name) {
        return name.startsWith("java") || name.startsWith("jdk") || name.startsWith("sun") || name.startsWith("com.sun")
                || name.startsWith("com/sun");
    }
}
