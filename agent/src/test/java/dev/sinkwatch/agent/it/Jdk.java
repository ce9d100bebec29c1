package dev.sinkwatch.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A JDK the tests launch applications on: the one running the tests (17) and Temurin 25 beside it. */
public record Jdk(String name, Path home) {

    public Path java() {
        return home.resolve("bin/java");
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Every JDK the agent must work on. Java 25 comes from {@code sinkwatch.it.jdk25}; when it is missing the tests
     * fail under {@code CI=true} (a missing JDK must not turn into a silent skip) and run on 17 alone otherwise.
     */
    public static List<Jdk> all() {
        List<Jdk> jdks = new ArrayList<>();
        jdks.add(new Jdk("java" + Runtime.version().feature(), Path.of(System.getProperty("java.home"))));
        Path jdk25 = Path.of(System.getProperty("sinkwatch.it.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (Files.isExecutable(jdk25.resolve("bin/java"))) {
            jdks.add(new Jdk("java25", jdk25));
        } else if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("Java 25 is required under CI=true but is missing at " + jdk25
                    + " (set -Dsinkwatch.it.jdk25=<JAVA_HOME>)");
        } else {
            System.err.println("WARNING: no Java 25 at " + jdk25 + "; agent tests run on Java 17 only");
        }
        return jdks;
    }
}
