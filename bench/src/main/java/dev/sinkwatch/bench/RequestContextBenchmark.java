package dev.sinkwatch.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the request context and of input correlation: what sinkwatch adds to a request because it is a request.
 * The servlet is a real {@code jakarta.servlet.http.HttpServlet} whose {@code service} sinkwatch instruments; the
 * request object is a fixed in-memory one (a {@code HttpServletRequestWrapper} answering from fields), so the
 * container's own parsing, which is the same with and without an agent, is not in the numbers.
 *
 * <p>Workload, single thread, per call:
 * <ul>
 *   <li>{@link #requestReachingJdbc}: {@code service(GET /orders/search?p0=value-0&...&p19=value-19)} with 5
 *       headers (so 20 query inputs, 2 path segments and 5 headers captured); {@code doGet} reads one parameter and
 *       runs the prepared {@code SELECT} of {@link SinkCallBenchmark#QUERY} (5 rows read): the request context is
 *       opened and closed and every input is looked for in the SQL.</li>
 *   <li>{@link #requestWithoutSink}: the same request, {@code doGet} reads the parameter and reaches no sink: the
 *       request context alone.</li>
 *   <li>{@link #jdbcOutsideRequest}: the same prepared query on a thread serving no request (the control: what
 *       the sink costs when no request is being served).</li>
 * </ul>
 * The request's cost under sinkwatch is {@code requestReachingJdbc - jdbcOutsideRequest}, less the same difference
 * without an agent. Command (from the repository root):
 * <pre>
 * mvn -B -pl agent,bench -am package -DskipTests &amp;&amp; \
 *   java -Dbench.class=RequestContextBenchmark -Dbench.configs=none,sinkwatch -jar bench/target/benchmarks.jar
 * </pre>
 * Results: docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestContextBenchmark {

    private Connection connection;
    private PreparedStatement prepared;
    private SearchServlet servlet;
    private HttpServletRequest request;
    private HttpServletResponse response;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:sinkwatch_request_bench");
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(32), total DECIMAL(10, 2))");
            ddl.execute("INSERT INTO orders VALUES (1, 'ada', 10.50), (2, 'grace', 20.00), (3, 'edsger', 7.25),"
                    + " (4, 'barbara', 99.99), (5, 'alan', 0.01)");
        }
        prepared = connection.prepareStatement(SinkCallBenchmark.QUERY);
        prepared.setInt(1, 0);
        servlet = new SearchServlet(prepared);
        request = new FixedRequest(20);
        response = new HttpServletResponseWrapper((HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> null));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        prepared.close();
        connection.close();
    }

    @Benchmark
    public long requestReachingJdbc() throws Exception {
        servlet.query = true;
        servlet.service(request, response);
        return servlet.result;
    }

    @Benchmark
    public long requestWithoutSink() throws Exception {
        servlet.query = false;
        servlet.service(request, response);
        return servlet.result;
    }

    @Benchmark
    public long jdbcOutsideRequest() throws SQLException {
        return readAll(prepared);
    }

    static long readAll(PreparedStatement ps) throws SQLException {
        long sum = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sum += rs.getInt(1) + rs.getString(2).length() + rs.getBigDecimal(3).scale();
            }
        }
        return sum;
    }

    /** Reads one parameter and, when asked, runs the query. */
    static final class SearchServlet extends HttpServlet {
        private final PreparedStatement prepared;
        boolean query;
        long result;

        SearchServlet(PreparedStatement prepared) {
            this.prepared = prepared;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            try {
                result = request.getParameter("p7").length() + (query ? readAll(prepared) : 0);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A GET with {@code n} query parameters and five headers, answered from fields. */
    static final class FixedRequest extends HttpServletRequestWrapper {
        private final String queryString;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();

        FixedRequest(int n) {
            super((HttpServletRequest) Proxy.newProxyInstance(RequestContextBenchmark.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> null));
            StringBuilder query = new StringBuilder();
            for (int i = 0; i < n; i++) {
                parameters.put("p" + i, "value-" + i);
                query.append(i == 0 ? "" : "&").append("p").append(i).append("=value-").append(i);
            }
            queryString = query.toString();
            headers.put("accept", "application/json");
            headers.put("user-agent", "bench/1.0");
            headers.put("x-request-id", "4f1c2a9e");
            headers.put("accept-language", "en-GB");
            headers.put("cookie", "session=abc123; theme=dark");
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getRequestURI() {
            return "/orders/search";
        }

        @Override
        public String getQueryString() {
            return queryString;
        }

        @Override
        public String getParameter(String name) {
            return parameters.get(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(headers.keySet());
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name);
        }

        @Override
        public long getDateHeader(String name) {
            return -1;
        }
    }
}
