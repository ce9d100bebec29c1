package dev.sinkwatch.agent.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.RequestInputs;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputCorrelatorTest {

    private static RequestInputs query(String name, String value) {
        RequestInputs in = new RequestInputs();
        in.add("query", "page", "12");
        in.add("query", name, value);
        return in;
    }

    private static Verdict sql(String sql, String name, String value) {
        return InputCorrelator.judge(Ops.JDBC_QUERY, sql, sql, query(name, value));
    }

    @Test
    void sqlInjectionSpansTokensOrBreaksOutOfItsLiteral() {
        Verdict v = sql("SELECT * FROM users WHERE name = 'x' OR '1'='1'", "username", "x' OR '1'='1");
        assertEquals("sql.injection", v.rule());
        assertEquals("query.username", v.input());
        assertEquals(34, v.spanStart());
        assertEquals("sql.injection", sql("SELECT * FROM t WHERE id = 1 OR 1=1", "id", "1 OR 1=1").rule());
        assertEquals("sql.injection", sql("SELECT * FROM t ORDER BY name; DROP TABLE t", "sort",
                "name; DROP TABLE t").rule());
        assertEquals("sql.injection", sql("SELECT * FROM t WHERE a LIKE '%x%' UNION SELECT 1 --%'", "q",
                "x%' UNION SELECT 1 --").rule());
    }

    @Test
    void sqlValuesUsedSafelyAreNot() {
        assertNull(sql("SELECT * FROM users WHERE name = ?", "username", "O'Brien"), "bound");
        assertNull(sql("SELECT * FROM users WHERE name = 'O''Brien'", "username", "O'Brien"), "escaped");
        assertNull(sql("SELECT * FROM t WHERE a LIKE '%New York%'", "q", "New York"), "inside one literal");
        assertNull(sql("SELECT * FROM t ORDER BY name", "sort", "name"), "one identifier");
        assertNull(sql("SELECT * FROM t WHERE id = 42", "id", "42"), "one number");
    }

    @Test
    void shellInjectionInAScriptNotInAnArgument() {
        RequestInputs in = query("msg", "x'; id; echo '");
        Verdict v = InputCorrelator.judge(Ops.PROCESS_EXEC, List.of("sh", "-c", "cowsay 'x'; id; echo ''"), null, in);
        assertEquals("shell.injection", v.rule());
        assertEquals("query.msg", v.input());
        assertEquals("shell.injection", InputCorrelator.judge(Ops.PROCESS_EXEC, List.of("sh", "-c",
                "ls /srv/$(id)"), null, query("dir", "/srv/$(id)")).rule());
        assertEquals("shell.injection", InputCorrelator.judge(Ops.PROCESS_EXEC, List.of("sh", "-c",
                "ls a b"), null, query("dir", "a b")).rule(), "extra words");
        assertNull(InputCorrelator.judge(Ops.PROCESS_EXEC, List.of("sh", "-c", "cowsay 'a; b'"), null,
                query("msg", "a; b")), "single-quoted");
        assertNull(InputCorrelator.judge(Ops.PROCESS_EXEC, List.of("cowsay", "a; b"), null,
                query("msg", "a; b")), "one argument, no shell");
        assertEquals("shell.injection", InputCorrelator.judge(Ops.PROCESS_EXEC, List.of("/usr/bin/id"), null,
                query("tool", "/usr/bin/id")).rule(), "the executable");
        RequestInputs route = new RequestInputs();
        route.addPath("/echo");
        assertNull(InputCorrelator.judge(Ops.PROCESS_EXEC, List.of("sh", "-c", "echo 'hi'"), null, route),
                "a route named after its command");
        assertNull(InputCorrelator.judge(Ops.PROCESS_EXEC, List.of("echo", "hi"), null, route));
    }

    @Test
    void traversalAndAbsolutePaths() {
        Verdict v = InputCorrelator.judge(Ops.FILE_READ, "/srv/files/../../etc/passwd",
                "/srv/files/../../etc/passwd", query("name", "../../etc/passwd"));
        assertEquals("file.traversal", v.rule());
        assertEquals(11, v.spanStart());
        assertEquals("file.traversal", InputCorrelator.judge(Ops.FILE_READ, "/etc/passwd", "/etc/passwd",
                query("name", "/etc/passwd")).rule());
        assertNull(InputCorrelator.judge(Ops.FILE_READ, "/srv/files/report.pdf", "/srv/files/report.pdf",
                query("name", "report.pdf")));
        assertNull(InputCorrelator.judge(Ops.FILE_READ, "/srv/files/a..b", "/srv/files/a..b", query("name",
                "a..b")), "dots inside a name are no segment");
    }

    @Test
    void ssrfNamesTheDestinationClass() {
        Verdict v = InputCorrelator.judge(Ops.NET_HTTP, null, "GET http://127.0.0.1:8080/admin",
                query("url", "http://127.0.0.1:8080/admin"));
        assertEquals("net.ssrf", v.rule());
        assertEquals("loopback", v.destinationClass());
        assertEquals("metadata", InputCorrelator.judge(Ops.NET_CONNECT, InetSocketAddress.createUnresolved(
                "169.254.169.254", 80), null, query("url", "http://169.254.169.254/latest")).destinationClass());
        assertEquals("private", InputCorrelator.judge(Ops.NET_HTTP, null, "http://10.1.2.3/x",
                query("host", "10.1.2.3")).destinationClass());
        assertNull(InputCorrelator.judge(Ops.NET_HTTP, null, "https://api.example.com/x",
                query("url", "https://api.example.com/x")), "a public destination");
        assertNull(InputCorrelator.judge(Ops.NET_HTTP, null, "http://127.0.0.1:8080/admin",
                query("q", "hello")), "not from an input");
    }

    @Test
    void ssrfNeedsTheHostNamedAsAHost() {
        assertTrue(InputCorrelator.holdsHost("http://db:5432/x", "db"));
        assertTrue(InputCorrelator.holdsHost("user@db", "db"));
        assertTrue(InputCorrelator.holdsHost("localhost", "localhost"));
        assertFalse(InputCorrelator.holdsHost("db tuning tips", "db"), "a word that is also a service's name");
        assertFalse(InputCorrelator.holdsHost("Mozilla/5.0 (X11; Linux x86_64)", "linux"));
        assertFalse(InputCorrelator.holdsHost("http://evil.example/?redirect=api", "api"));
        assertNull(InputCorrelator.judge(Ops.NET_CONNECT, InetSocketAddress.createUnresolved("10.0.0.7", 5432),
                null, query("q", "10.0.0.70")), "an address inside a longer one");
    }

    @Test
    void classFilesAndJarsAreClassLoadingNotTraversal() {
        assertNull(InputCorrelator.judge(Ops.FILE_READ, "/tmp/build/classes/org/acme/Foo$1.class",
                "/tmp/build/classes/org/acme/Foo$1.class", query("dir", "/tmp")));
        assertNull(InputCorrelator.judge(Ops.FILE_READ, "/tmp/lib/acme.jar", "/tmp/lib/acme.jar",
                query("dir", "/tmp")));
    }

    @Test
    void jndiNameFromAnInput() {
        assertEquals("jndi.injection", InputCorrelator.judge(Ops.JNDI_LOOKUP, "ldap://evil:1389/x",
                "ldap://evil:1389/x", query("name", "ldap://evil:1389/x")).rule());
        assertNull(InputCorrelator.judge(Ops.JNDI_LOOKUP, "java:comp/env/jdbc/ds", "java:comp/env/jdbc/ds",
                query("name", "jdbc")));
    }

    @Test
    void requestInputsAreBoundedAndParsed() {
        RequestInputs in = new RequestInputs();
        in.addQuery("user=O%27Brien&x=1&sort=name+DESC");
        in.addHeader("Cookie", "session=abc123; theme=dark");
        in.addHeader("Host", "localhost");
        in.addPath("/files/..%2F..%2Fetc");
        // Split when first needed (size()): the query, then the path, then the cookies.
        assertEquals(6, in.size());
        assertEquals("O'Brien", in.value(0));
        assertEquals("name DESC", in.value(1), "x=1 is too short to keep");
        assertEquals("../../etc", in.value(3));
        assertEquals("cookie", in.source(4));
        assertEquals("session", in.name(4));
        for (int i = 0; i < 200; i++) {
            in.add("header", "h" + i, "value" + i);
        }
        assertEquals(RequestInputs.MAX_INPUTS, in.size());
    }
}
