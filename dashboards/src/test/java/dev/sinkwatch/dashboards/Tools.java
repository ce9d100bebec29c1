package dev.sinkwatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Prometheus and Alertmanager binaries (Debian's packages {@code prometheus}, {@code prometheus-alertmanager};
 * {@code ./run test} installs them). Missing: a failure under {@code CI=true}, a skip with a message elsewhere.
 */
final class Tools {

    private Tools() {
    }

    /** The executable, found in /usr/bin or on PATH. */
    static Path require(String name, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/usr/local/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        for (String dir : dirs) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.toPath();
            }
        }
        String message = name + " not found (Debian package '" + debianPackage + "'; ./run test installs it)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + "; required under CI=true");
        }
        Assumptions.abort(message + "; skipping");
        throw new IllegalStateException("unreachable");
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command to completion (stdout and stderr merged), in {@code dir}, within 60 s. */
    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** Runs a command and asserts exit code 0, returning its output. */
    static String check(Path dir, String... command) throws IOException, InterruptedException {
        Result result = run(dir, command);
        assertTrue(result.exitCode() == 0, String.join(" ", command) + " exited " + result.exitCode() + ":\n"
                + result.output());
        return result.output();
    }
}
