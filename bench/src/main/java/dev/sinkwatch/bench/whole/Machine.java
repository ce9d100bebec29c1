package dev.sinkwatch.bench.whole;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The machine under the benchmark: the tools it needs, CPU pinning of this process, and a description to print. */
final class Machine {

    private Machine() {
    }

    /** Exits with a message saying how to install what is missing. */
    static void requireTools(Options o) throws IOException, InterruptedException {
        if (run("sh", "-c", "command -v wrk").isEmpty()) {
            fail("wrk is not installed; on Debian/Ubuntu: apt-get install -y wrk");
        }
        if (run("sh", "-c", "command -v taskset").isEmpty()) {
            fail("taskset is not installed; on Debian/Ubuntu: apt-get install -y util-linux");
        }
        int cpus = Integer.parseInt(run("nproc", "--all").trim());
        if (Math.max(o.appCpu, o.loadCpu) >= cpus) {
            fail("--app-cpu " + o.appCpu + " and --load-cpu " + o.loadCpu + " need " + (Math.max(o.appCpu,
                    o.loadCpu) + 1) + " CPUs; this machine has " + cpus);
        }
    }

    /** Moves every thread of this process (and so what it starts, unless re-pinned) to the load CPU. */
    static void pinSelf(int cpu) throws IOException, InterruptedException {
        run("taskset", "-a", "-p", "-c", Integer.toString(cpu), Long.toString(ProcessHandle.current().pid()));
    }

    static String describe(Options o) throws IOException, InterruptedException {
        StringBuilder e = new StringBuilder();
        e.append("date: ").append(Instant.now()).append('\n');
        e.append("machine: ").append(run("nproc", "--all").trim()).append(" CPUs (").append(cpuModel())
                .append("), ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(", load average at the start: ").append(loadAverage()).append('\n');
        e.append("apps' JDK: ").append(run(o.javaHome.resolve("bin/java").toString(), "-version").trim().replace("\n", "; "))
                .append(" (").append(o.javaHome).append(")\n");
        String load = o.startupOnly ? "start-up only, no load"
                : String.format(Locale.ROOT, "wrk: 1 thread, %d connections, %d s warm-up, %d s measured, %d s "
                        + "allocation phase", o.connections, o.warmupSeconds, o.measureSeconds, o.allocSeconds);
        e.append(String.format(Locale.ROOT, "rounds: %d (variant order rotated per round); %s; heap -Xms%s -Xmx%s; "
                        + "app on CPU %d, everything else on CPU %d%n", o.rounds, load, o.heap, o.heap, o.appCpu,
                o.loadCpu));
        e.append("apps: ").append(o.apps).append("; variants: ").append(o.variants).append('\n');
        if (o.apps.contains("petclinic")) {
            e.append(file("PetClinic", o.petclinicJar)).append(", load on ").append(o.petclinicPath).append('\n');
        }
        if (o.usesSinkwatch()) {
            e.append(file("sinkwatch agent", o.sinkwatchAgent)).append(", repository at ")
                    .append(gitDescribe(o.benchJar.getParent())).append('\n');
            e.append(file("sinkwatch collector", o.collectorJar)).append('\n');
        }
        if (o.variants.contains("otel")) {
            e.append(file("OpenTelemetry agent", o.otelAgent)).append(", version ").append(otelVersion(o.otelAgent))
                    .append('\n');
        }
        return e.toString();
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Paths.get("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown CPU";
    }

    private static String file(String what, Path p) throws IOException {
        return String.format(Locale.ROOT, "%s: %s (%d bytes, %s)", what, p.toAbsolutePath().normalize(),
                Files.size(p), Files.getLastModifiedTime(p));
    }

    private static String gitDescribe(Path dir) {
        try {
            String d = run("git", "-C", dir.toString(), "describe", "--always", "--dirty").trim();
            return d.isEmpty() ? "unknown commit" : "commit " + d;
        } catch (IOException | InterruptedException e) {
            return "unknown commit";
        }
    }

    private static String otelVersion(Path jar) {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            String v = j.getManifest().getMainAttributes().getValue("Implementation-Version");
            return v == null ? "unknown" : v;
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    /** Runs a short command and returns its output (standard error included); empty when it failed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? out : "";
    }

    private static void fail(String message) {
        System.err.println("whole-process benchmark: " + message);
        System.exit(2);
    }
}
