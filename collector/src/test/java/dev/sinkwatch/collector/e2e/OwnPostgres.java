package dev.sinkwatch.collector.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of the test's own: {@code initdb} into a fresh directory, started on a free port with
 * {@code pg_ctl}, so a test may stop and restart it without disturbing the machine's shared server. As root the
 * server runs as the {@code postgres} user (PostgreSQL refuses root), in a directory that user owns.
 *
 * <p>Needs the server binaries under {@code /usr/lib/postgresql/<major>/bin}; without them the test is skipped
 * (under CI=true it fails).
 */
final class OwnPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean root;

    private OwnPostgres(Path bin, Path dir, int port, boolean root) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.root = root;
    }

    /** Creates the cluster and starts the server. */
    static OwnPostgres start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("sinkwatch-own-pg-");
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OwnPostgres pg = new OwnPostgres(bin, dir, port, root);
        pg.pg(List.of(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-A", "trust", "-U", "postgres",
                "--no-sync"));
        pg.startServer();
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** {@code pg_ctl start}: returns once the server accepts connections. */
    void startServer() throws Exception {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log")
                .toString(), "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
                "start"));
    }

    /** {@code pg_ctl stop -m fast}: open connections are ended, as in a restart of the server. */
    void stopServer() throws Exception {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-m", "fast",
                "stop"));
    }

    /** Stops the server (when running) and deletes its directory. */
    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                stopServer();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void pg(List<String> command) throws Exception {
        run(command, root);
    }

    private static void run(List<String> command, boolean asPostgres) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", full) + " failed:\n" + output);
        }
    }

    private static Path binaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                Path bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.naturalOrder()).orElse(null);
                if (bin != null) {
                    return bin;
                }
            }
        }
        String message = "PostgreSQL server binaries not found under " + base;
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + " (required under CI=true)");
        }
        Assumptions.abort(message);
        return null;
    }
}
