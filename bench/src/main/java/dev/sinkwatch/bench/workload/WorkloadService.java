package dev.sinkwatch.bench.workload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole-process benchmark's own service: small, plain JDK, and every request reaches each kind of sink a
 * typical back-end service reaches. {@code GET /work} does, in this order:
 * <ol>
 *   <li>JDBC through a HikariCP pool to an in-memory H2 database: a prepared {@code SELECT} of one row by primary
 *       key and a prepared {@code UPDATE} of that row's hit counter (one of {@value #ITEMS} rows, round robin);</li>
 *   <li>files: reads one of {@value #READ_FILES} 4 KiB files with a {@code FileInputStream} and rewrites a small
 *       per-thread file with a {@code FileOutputStream};</li>
 *   <li>outbound HTTP on loopback: {@code GET <downstream>/item/<id>} with {@code HttpURLConnection} (keep-alive,
 *       so mostly without a new connection), body read in full;</li>
 *   <li>every {@code --process-every}th request (default 100): runs {@code true} and waits for it.</li>
 * </ol>
 * and answers 200 with a short text. Anything failing answers 500 with the error, so the load generator counts it.
 *
 * <p>Arguments: {@code --port P} (required), {@code --downstream URL} (required, e.g. {@code http://127.0.0.1:9000}),
 * {@code --data-dir DIR} (required; created), {@code --threads N} (request threads and pool size, default 8),
 * {@code --process-every N}.
 */
public final class WorkloadService {

    static final int ITEMS = 1000;
    static final int READ_FILES = 16;

    private final HikariDataSource pool;
    private final Path dataDir;
    private final String downstream;
    private final int processEvery;
    private final AtomicLong requests = new AtomicLong();
    private final byte[] writePayload = "x".repeat(256).getBytes(StandardCharsets.US_ASCII);

    private WorkloadService(HikariDataSource pool, Path dataDir, String downstream, int processEvery) {
        this.pool = pool;
        this.dataDir = dataDir;
        this.downstream = downstream;
        this.processEvery = processEvery;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(required(args, "--port"));
        String downstream = required(args, "--downstream");
        Path dataDir = Paths.get(required(args, "--data-dir"));
        int threads = Integer.parseInt(option(args, "--threads", "8"));
        int processEvery = Integer.parseInt(option(args, "--process-every", "100"));

        // Headers and body are two writes: without TCP_NODELAY, Nagle and the client's delayed ACK add ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        prepareFiles(dataDir);
        HikariConfig config = new HikariConfig();
        // A name per process: one JVM, one database, gone with the JVM.
        config.setJdbcUrl("jdbc:h2:mem:workload;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(threads);
        config.setPoolName("workload");
        HikariDataSource pool = new HikariDataSource(config);
        createTable(pool);

        WorkloadService service = new WorkloadService(pool, dataDir, downstream, processEvery);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "workload-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.setExecutor(executor);
        server.createContext("/work", service::handle);
        server.start();
        System.out.println("workload service listening on 127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            pool.close();
        }, "workload-shutdown"));
        Thread.currentThread().join();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        int status;
        try {
            body = work(requests.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            status = 200;
        } catch (Exception e) {
            body = ("failed: " + e).getBytes(StandardCharsets.UTF_8);
            status = 500;
        }
        try (exchange) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private String work(long request) throws Exception {
        int id = (int) (request % ITEMS) + 1;
        String name = readAndCount(id);
        int fileBytes = readFile(id % READ_FILES) + writeFile();
        int downstreamBytes = callDownstream(id);
        if (processEvery > 0 && request % processEvery == 0) {
            runTrue();
        }
        return name + " " + fileBytes + " " + downstreamBytes + "\n";
    }

    private String readAndCount(int id) throws SQLException {
        try (Connection c = pool.getConnection()) {
            String name;
            try (PreparedStatement select = c.prepareStatement("SELECT name, price FROM item WHERE id = ?")) {
                select.setInt(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    name = rs.next() ? rs.getString(1) + "@" + rs.getBigDecimal(2) : "none";
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE item SET hits = hits + 1 WHERE id = ?")) {
                update.setInt(1, id);
                update.executeUpdate();
            }
            return name;
        }
    }

    private int readFile(int n) throws IOException {
        try (FileInputStream in = new FileInputStream(dataDir.resolve("read/item-" + n + ".txt").toFile())) {
            return in.readAllBytes().length;
        }
    }

    private int writeFile() throws IOException {
        Path file = dataDir.resolve("write/" + Thread.currentThread().getName() + ".txt");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            out.write(writePayload);
        }
        return writePayload.length;
    }

    private int callDownstream(int id) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(downstream + "/item/" + id).openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(10_000);
        int status = connection.getResponseCode();
        if (status != 200) {
            throw new IOException("downstream answered " + status);
        }
        try (InputStream in = connection.getInputStream()) {
            return in.readAllBytes().length;  // read in full and closed: the connection goes back to keep-alive
        }
    }

    private static void runTrue() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("`true` exited with " + p.exitValue());
        }
    }

    private static void prepareFiles(Path dataDir) throws IOException {
        Files.createDirectories(dataDir.resolve("read"));
        Files.createDirectories(dataDir.resolve("write"));
        byte[] content = "0123456789abcdef".repeat(256).getBytes(StandardCharsets.US_ASCII);  // 4 KiB
        for (int i = 0; i < READ_FILES; i++) {
            Files.write(dataDir.resolve("read/item-" + i + ".txt"), content);
        }
    }

    private static void createTable(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(64), price DECIMAL(10,2), hits BIGINT)");
            s.execute("INSERT INTO item SELECT x, 'item-' || x, x * 1.25, 0 FROM SYSTEM_RANGE(1, " + ITEMS + ")");
        }
    }

    private static String required(String[] args, String name) {
        String value = option(args, name, null);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name + " (arguments: --port P --downstream URL "
                    + "--data-dir DIR [--threads N] [--process-every N])");
        }
        return value;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
