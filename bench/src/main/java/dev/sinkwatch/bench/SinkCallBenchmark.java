package dev.sinkwatch.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one steady-state sink call made directly from application code. This class is the "application": the
 * agent is started with {@code app.packages=dev.sinkwatch.bench}, so sinkwatch weaves its call-site marks into this
 * class and every call below is keyed without a stack walk after the first.
 *
 * <p>Workload, single thread, average time per call ({@code ns/op}) and allocation per call ({@code B/op}, JMH's
 * {@code gc.alloc.rate.norm}):
 * <ul>
 *   <li>{@link #h2PreparedQuery}: {@code executeQuery()} of a {@code SELECT} with one parameter on an H2 in-memory
 *       table of 5 rows, all rows read ({@code next}, {@code getInt}, {@code getString}, {@code getBigDecimal}) and
 *       the {@code ResultSet} closed. The statement is prepared <b>once per trial</b> (a statement cache or a
 *       long-lived repository statement): the measured call is the execute, not the prepare.</li>
 *   <li>{@link #h2PrepareAndQuery}: the same query, but prepared, executed and closed on every call (what
 *       {@code JdbcTemplate} over a pool without a statement cache does). Adds the agent's prepare-time hook.</li>
 *   <li>{@link #fileOpen}: {@code new FileInputStream(path)} and {@code close()} of a 64-byte temp file.</li>
 *   <li>{@link #loopbackConnect}: {@code Socket.connect} to a {@code ServerSocket} on 127.0.0.1 whose daemon
 *       thread accepts and closes, then {@code close()}. The client closes with {@code SO_LINGER 0} (RST: no
 *       {@code TIME_WAIT}, so millions of connects do not exhaust ephemeral ports); the server closes normally (an
 *       RST from it can hit the next connection reusing the same port).</li>
 *   <li>{@link #noSinkLibraryCall}: no sink at all, one call into a library (the {@code Blackhole}): what sinkwatch's
 *       call-site mark costs an application call that reaches no sink. The control row.</li>
 * </ul>
 *
 * <p>Run through {@link BenchmarkMain}, which runs every method here without an agent, with sinkwatch and with the
 * OpenTelemetry Java agent in one run and prints the comparison:
 * <pre>
 * mvn -B -pl agent,bench -am package -DskipTests &amp;&amp; java -jar bench/target/benchmarks.jar
 * </pre>
 * Results and their reading: docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SinkCallBenchmark {

    static final String QUERY = "SELECT id, customer, total FROM orders WHERE total > ? ORDER BY id";

    private Connection connection;
    private PreparedStatement prepared;
    private Path file;
    private String filePath;
    private ServerSocket server;
    private InetSocketAddress serverAddress;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:sinkwatch_bench");
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(32), total DECIMAL(10, 2))");
            ddl.execute("INSERT INTO orders VALUES (1, 'ada', 10.50), (2, 'grace', 20.00), (3, 'edsger', 7.25),"
                    + " (4, 'barbara', 99.99), (5, 'donald', 42.00)");
        }
        prepared = connection.prepareStatement(QUERY);
        prepared.setInt(1, 0);

        file = Files.createTempFile("sinkwatch-bench", ".txt");
        Files.write(file, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                .getBytes(StandardCharsets.US_ASCII));
        filePath = file.toString();

        server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        serverAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Thread acceptor = new Thread(this::acceptLoop, "bench-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                server.accept().close();
            } catch (IOException e) {
                // Closed at tear-down, or a connection reset before it was accepted: keep going until closed.
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        prepared.close();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE orders");
        }
        connection.close();
        server.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long h2PreparedQuery() throws SQLException {
        return readAll(prepared);
    }

    @Benchmark
    public long h2PrepareAndQuery() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
            ps.setInt(1, 0);
            return readAll(ps);
        }
    }

    private static long readAll(PreparedStatement ps) throws SQLException {
        long sum = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sum += rs.getInt(1) + rs.getString(2).length() + rs.getBigDecimal(3).scale();
            }
        }
        return sum;
    }

    @Benchmark
    public boolean fileOpen() throws IOException {
        try (FileInputStream in = new FileInputStream(filePath)) {
            return in.getFD().valid();
        }
    }

    @Benchmark
    public boolean loopbackConnect() throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0);
            socket.connect(serverAddress);
            return socket.isConnected();
        }
    }

    @Benchmark
    public void noSinkLibraryCall(Blackhole bh) {
        bh.consume(serverAddress);
    }
}
