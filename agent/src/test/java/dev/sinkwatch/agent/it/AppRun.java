package dev.sinkwatch.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Launches one of the test applications in a real JVM, with or without the built agent jar, and collects its
 * output and the console exporter's lines (one JSON object per new key).
 */
public final class AppRun {
    public static final Path AGENT_JAR = Path.of(System.getProperty("sinkwatch.it.agentJar", "target/sinkwatch-agent.jar"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdk jdk;
    private final Class<?> mainClass;
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private String agentArgs;
    private List<Path> classpath = defaultClasspath();
    private Path jar;
    private long timeoutSeconds = 120;

    private AppRun(Jdk jdk, Class<?> mainClass) {
        this.jdk = jdk;
        this.mainClass = mainClass;
    }

    public static AppRun of(Jdk jdk, Class<?> mainClass) {
        return new AppRun(jdk, mainClass);
    }

    /** Attach the agent with these {@code key=value} arguments (a console file is added unless given). */
    public AppRun withAgent(String arguments) {
        this.agentArgs = arguments;
        return this;
    }

    public AppRun args(Object... values) {
        for (Object v : values) {
            args.add(String.valueOf(v));
        }
        return this;
    }

    public AppRun jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    public AppRun classpath(List<Path> entries) {
        this.classpath = entries;
        return this;
    }

    /** Launch with {@code -jar} instead of the class path and main class. */
    public AppRun jar(Path executableJar) {
        this.jar = executableJar;
        return this;
    }

    public AppRun timeoutSeconds(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /**
     * The test class path without the agent's own classes and libraries: an application must not see them (the
     * agent brings its own, relocated, in the jar).
     */
    public static List<Path> defaultClasspath() {
        return classpathEntries().stream()
                .filter(p -> !p.toString().replace('\\', '/').endsWith("target/classes"))
                .filter(p -> !p.getFileName().toString().startsWith("byte-buddy"))
                .filter(p -> !p.getFileName().toString().startsWith("opentelemetry-"))
                .collect(Collectors.toList());
    }

    static List<Path> classpathEntries() {
        List<Path> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e));
            }
        }
        return entries;
    }

    public static Path testClasses() {
        return classpathEntries().stream().filter(p -> p.toString().endsWith("test-classes")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no test-classes on " + System.getProperty("java.class.path")));
    }

    public Result run() throws IOException, InterruptedException {
        Path consoleFile = Files.createTempFile("sinkwatch-console", ".jsonl");
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        if (agentArgs != null) {
            String a = agentArgs.contains("console.file=") || !agentArgs.contains("exporter=console")
                    ? agentArgs : agentArgs + ",console.file=" + consoleFile;
            command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + (a.isEmpty() ? "" : "=" + a));
        }
        command.addAll(jvmArgs);
        if (jar != null) {
            command.add("-jar");
            command.add(jar.toString());
        } else {
            command.add("-cp");
            command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
            command.add(mainClass.getName());
        }
        command.addAll(args);
        Path out = Files.createTempFile("app-out", ".txt");
        Path err = Files.createTempFile("app-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(mainClass.getSimpleName() + " on " + jdk + " did not finish in " + timeoutSeconds
                    + " s; stderr:\n" + Files.readString(err));
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err),
                readKeys(consoleFile), Files.readString(consoleFile));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        Files.deleteIfExists(consoleFile);
        return result;
    }

    private static List<JsonNode> readKeys(Path file) throws IOException {
        List<JsonNode> keys = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                keys.add(JSON.readTree(line));
            }
        }
        return keys;
    }

    /** What a run left behind. {@code console} is the console exporter's raw text. */
    public record Result(int exitCode, String stdout, String stderr, List<JsonNode> newKeys, String console) {

        public Result assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError("exit code " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }

        /** New-key records of a kind and operation, from a call site in this file at this line. */
        public List<JsonNode> keysAt(String kind, String operation, String file, int line) {
            return newKeys.stream()
                    .filter(k -> k.path("kind").asText().equals(kind))
                    .filter(k -> k.path("operation").asText().equals(operation))
                    .filter(k -> k.path("callSite").path("file").asText().equals(file))
                    .filter(k -> k.path("callSite").path("line").asInt() == line)
                    .collect(Collectors.toList());
        }

        public String describeKeys() {
            return newKeys.stream().map(k -> k.path("kind").asText() + " " + k.path("operation").asText() + " "
                    + k.path("target").asText() + " @ " + k.path("callSite").path("class").asText() + "."
                    + k.path("callSite").path("method").asText() + "(" + k.path("callSite").path("file").asText() + ":"
                    + k.path("callSite").path("line").asText() + ")").collect(Collectors.joining("\n  ", "  ", ""));
        }
    }
}
