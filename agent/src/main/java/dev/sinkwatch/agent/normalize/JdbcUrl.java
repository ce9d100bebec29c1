package dev.sinkwatch.agent.normalize;

import java.util.Locale;
import java.util.Objects;

/**
 * The identity of a database taken from a JDBC URL: system, host, port and database name, and nothing else.
 * User, password and every property ({@code ?user=..&password=..}, {@code ;password=..}, {@code user:pw@host},
 * Oracle's {@code user/pw@host}) are never kept, so no getter and no {@link #target()} can reveal them.
 *
 * <p>Shapes understood (anything else gives {@code system} = the word after {@code jdbc:}, host and database
 * {@code null}; a string that is not a JDBC URL gives system {@code unknown}); the wrappers
 * {@code jdbc:p6spy:}, {@code jdbc:otel:} and {@code jdbc:log4jdbc:} are skipped:
 * <ul>
 *   <li>{@code jdbc:<system>://host[:port][,host2..]/db[?props]}: postgresql, mysql, mariadb, and any other
 *       system; the first host of a list; a sub-protocol such as {@code mysql:loadbalance://} is skipped;
 *       IPv6 hosts in brackets; {@code jdbc:postgresql:db} means localhost;</li>
 *   <li>{@code jdbc:sqlserver://host[\instance][:port][;databaseName=db;...]} ({@code serverName},
 *       {@code portNumber} and {@code database} properties understood);</li>
 *   <li>Oracle: {@code jdbc:oracle:thin:@//host:port/service}, {@code @host:port:sid}, {@code @host:port/service},
 *       a {@code (DESCRIPTION=..)} descriptor (first {@code HOST}, {@code PORT}, {@code SERVICE_NAME} or
 *       {@code SID}) and a TNS alias ({@code @alias}: host {@code null}, database the alias);</li>
 *   <li>H2: {@code mem:name} (the name folded like a path segment, since tests often use random names),
 *       {@code file:path}, a bare path ({@code ~/db}, {@code ./db}, {@code /abs/db}) folded by {@link PathFolder},
 *       and {@code tcp://host[:port]/db} or {@code ssl://..} (server port 9092 when absent).</li>
 * </ul>
 * The user info ends at the last {@code @} before the properties, so a password holding an unencoded {@code /},
 * {@code ?} or {@code @} is skipped (one holding {@code ?key=} or {@code ;key=} cannot be told from properties); an authority that is not a host and port (a user name and part of a password
 * when the URL cannot be read) gives no host rather than a wrong one.
 * The port is the system's default when absent: postgresql 5432, mysql and mariadb 3306, sqlserver 1433,
 * oracle 1521, db2 50000; -1 when unknown and for embedded H2. Host is lower-cased, without IPv6 brackets.
 *
 * <p>Immutable and thread-safe; {@link #parse} never throws.
 */
public final class JdbcUrl {
    private static final String UNKNOWN = "unknown";

    private final String system;
    private final String host;
    private final int port;
    private final String database;
    private final String target;

    private JdbcUrl(String system, String host, int port, String database, String target) {
        this.system = system;
        this.host = host;
        this.port = port;
        this.database = database;
        this.target = target != null ? target : defaultTarget(system, host, port, database);
    }

    /** Parses {@code url}; never throws, never keeps credentials or properties. */
    public static JdbcUrl parse(String url) {
        try {
            return parseUnchecked(url);
        } catch (RuntimeException e) { // defensive: a bug here must not reach the application
            return new JdbcUrl(UNKNOWN, null, -1, null, null);
        }
    }

    /** The database system, lower-case: {@code postgresql}, {@code mysql}, {@code h2}, ... */
    public String system() {
        return system;
    }

    /** The SQL dialect of {@link #system()}: where literals end in this database's SQL. */
    public SqlDialect dialect() {
        return SqlDialect.of(system);
    }

    /** The (first) host, lower-case, or {@code null} when the URL names none (embedded, TNS alias, unknown). */
    public String host() {
        return host;
    }

    /** The port, the system's default when absent, -1 when unknown. */
    public int port() {
        return port;
    }

    /** The database (or service, SID, H2 name / folded path), or {@code null}. */
    public String database() {
        return database;
    }

    /**
     * {@code system://host:port/database} ({@code :port} left out when unknown); {@code system} alone when there is
     * no host, {@code system:database} for an Oracle TNS alias; for H2 {@code h2:mem:name},
     * {@code h2:file:<folded path>} or {@code h2:tcp://host:port/db}.
     */
    public String target() {
        return target;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JdbcUrl)) {
            return false;
        }
        JdbcUrl other = (JdbcUrl) o;
        return port == other.port && system.equals(other.system) && Objects.equals(host, other.host)
                && Objects.equals(database, other.database) && target.equals(other.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(system, host, port, database, target);
    }

    /** The same as {@link #target()}: safe to log. */
    @Override
    public String toString() {
        return target;
    }

    // ---- parsing

    private static JdbcUrl parseUnchecked(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return new JdbcUrl(UNKNOWN, null, -1, null, null);
        }
        int start = 5;
        int colon = url.indexOf(':', start);
        String system = lower(url.substring(start, colon < 0 ? url.length() : colon));
        if (colon > 0 && (system.equals("p6spy") || system.equals("otel") || system.equals("log4jdbc"))) {
            start = colon + 1;
            colon = url.indexOf(':', start);
            system = lower(url.substring(start, colon < 0 ? url.length() : colon));
        }
        if (system.isEmpty()) {
            system = UNKNOWN;
        }
        if (colon < 0) {
            return new JdbcUrl(system, null, -1, null, null);
        }
        String rest = url.substring(colon + 1);
        switch (system) {
            case "h2":
                return h2(rest);
            case "sqlserver":
                return sqlServer(rest);
            case "oracle":
                return oracle(rest);
            default:
                return generic(system, rest);
        }
    }

    private static JdbcUrl generic(String system, String rest) {
        int slashes = rest.indexOf("//");
        if (slashes > 0 && isSubProtocol(rest, slashes)) {
            rest = rest.substring(slashes);
        }
        if (!rest.startsWith("//")) {
            if (system.equals("postgresql") || system.equals("pgsql")) { // jdbc:postgresql:db
                String db = rest.substring(0, endOf(rest, 0, "?;&#"));
                return new JdbcUrl(system, "localhost", defaultPort(system), db.isEmpty() ? null : db, null);
            }
            return new JdbcUrl(system, null, -1, null, null);
        }
        // A password may hold an unencoded '/', '?' or '@': the user info ends at the last '@' before the
        // properties, and the authority after it.
        int at = rest.lastIndexOf('@', propertiesStart(rest, 2) - 1);
        int authStart = at >= 2 ? at + 1 : 2;
        int authEnd = endOf(rest, authStart, "/?;#");
        HostPort hp = HostPort.parse(rest, authStart, authEnd, ",");
        if (hp.host == null && authEnd > authStart) { // not a host: what follows may be the rest of a password
            return new JdbcUrl(system, null, -1, null, null);
        }
        String db = null;
        if (authEnd < rest.length() && rest.charAt(authEnd) == '/') {
            int dbEnd = endOf(rest, authEnd + 1, "?;&#");
            db = dbEnd > authEnd + 1 ? rest.substring(authEnd + 1, dbEnd) : null;
        }
        return new JdbcUrl(system, hp.host, hp.port >= 0 ? hp.port : defaultPort(system), db, null);
    }

    /** Index of the first {@code ?key=} or {@code ;key=} at or after {@code from}, or the length. */
    private static int propertiesStart(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '?' || c == ';') {
                int k = i + 1;
                while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_'
                        || s.charAt(k) == '.' || s.charAt(k) == '-')) {
                    k++;
                }
                if (k > i + 1 && k < s.length() && s.charAt(k) == '=') {
                    return i;
                }
            }
        }
        return s.length();
    }

    /** Whether {@code rest[0, slashes)} is a sub-protocol such as {@code loadbalance:} before {@code //}. */
    private static boolean isSubProtocol(String rest, int slashes) {
        if (rest.charAt(slashes - 1) != ':') {
            return false;
        }
        for (int i = 0; i < slashes - 1; i++) {
            char c = rest.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ':' || c == '+' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static JdbcUrl sqlServer(String rest) {
        String host = null;
        int port = -1;
        int i = 0;
        if (rest.startsWith("//")) {
            int authEnd = endOf(rest, 2, ";/?");
            int at = rest.lastIndexOf('@', authEnd - 1);
            int hostStart = Math.max(2, at + 1);
            int hostEnd = endOf(rest, hostStart, "\\:", authEnd);
            host = hostEnd > hostStart ? lower(rest.substring(hostStart, hostEnd)) : null;
            int portColon = rest.indexOf(':', hostStart);
            if (portColon >= 0 && portColon < authEnd) {
                port = parsePort(rest, portColon + 1, authEnd);
            }
            i = authEnd;
        }
        String database = null;
        while (i < rest.length()) {
            int end = endOf(rest, i + 1, ";");
            int eq = rest.indexOf('=', i + 1);
            if (eq > 0 && eq < end) {
                String key = rest.substring(i + 1, eq).trim();
                String value = unbrace(rest.substring(eq + 1, end).trim());
                if (key.equalsIgnoreCase("databaseName") || key.equalsIgnoreCase("database")) {
                    database = value.isEmpty() ? null : value;
                } else if (host == null && key.equalsIgnoreCase("serverName")) {
                    int slash = value.indexOf('\\');
                    host = lower(slash >= 0 ? value.substring(0, slash) : value);
                } else if (port < 0 && key.equalsIgnoreCase("portNumber")) {
                    port = parsePort(value, 0, value.length());
                }
            }
            i = end;
        }
        return new JdbcUrl("sqlserver", host, port >= 0 ? port : 1433, database, null);
    }

    private static JdbcUrl oracle(String rest) {
        int at = rest.lastIndexOf('@');
        if (at < 0) {
            return new JdbcUrl("oracle", null, -1, null, null);
        }
        String s = rest.substring(at + 1);
        if (s.startsWith("(")) {
            String host = descriptorValue(s, "HOST=");
            String port = descriptorValue(s, "PORT=");
            String db = descriptorValue(s, "SERVICE_NAME=");
            if (db == null) {
                db = descriptorValue(s, "SID=");
            }
            int p = port == null ? -1 : parsePort(port, 0, port.length());
            return new JdbcUrl("oracle", host == null ? null : lower(host), p >= 0 ? p : 1521, db, null);
        }
        boolean ezConnect = false;
        if (s.startsWith("//")) {
            s = s.substring(2);
            ezConnect = true;
        } else if (s.regionMatches(true, 0, "tcp://", 0, 6) || s.regionMatches(true, 0, "tcps://", 0, 7)) {
            s = s.substring(s.indexOf("//") + 2);
            ezConnect = true;
        }
        int end = endOf(s, 0, "?");
        if (!ezConnect && s.indexOf(':') < 0 && s.indexOf('/') < 0) { // a TNS alias
            String alias = s.substring(0, end);
            return alias.isEmpty() ? new JdbcUrl("oracle", null, -1, null, null)
                    : new JdbcUrl("oracle", null, -1, alias, "oracle:" + alias);
        }
        String host;
        int hostEnd;
        if (s.startsWith("[")) {
            hostEnd = s.indexOf(']') + 1;
            if (hostEnd <= 0 || hostEnd > end) {
                return new JdbcUrl("oracle", null, -1, null, null);
            }
            host = s.substring(1, hostEnd - 1);
        } else {
            hostEnd = endOf(s, 0, ":/", end);
            host = s.substring(0, hostEnd);
        }
        int i = hostEnd;
        int port = -1;
        if (i < end && s.charAt(i) == ':') {
            int portEnd = endOf(s, i + 1, ":/", end);
            port = parsePort(s, i + 1, portEnd);
            i = portEnd;
        }
        String db = null;
        if (i < end && (s.charAt(i) == '/' || s.charAt(i) == ':')) {
            int dbEnd = endOf(s, i + 1, ":/", end);
            db = dbEnd > i + 1 ? s.substring(i + 1, dbEnd) : null;
        }
        host = host.isEmpty() ? null : lower(host);
        return new JdbcUrl("oracle", host, port >= 0 ? port : 1521, db, null);
    }

    private static JdbcUrl h2(String rest) {
        int end = endOf(rest, 0, ";");
        if (rest.regionMatches(true, 0, "mem:", 0, 4)) {
            StringBuilder name = new StringBuilder(end);
            PathFolder.foldSegment(name, rest, 4, end);
            String n = name.toString();
            return new JdbcUrl("h2", null, -1, n, "h2:mem:" + n);
        }
        if (rest.regionMatches(true, 0, "tcp://", 0, 6) || rest.regionMatches(true, 0, "ssl://", 0, 6)) {
            String protocol = lower(rest.substring(0, 3));
            int authEnd = endOf(rest, 6, "/", end);
            HostPort hp = HostPort.parse(rest, 6, authEnd, ",");
            int port = hp.port >= 0 ? hp.port : 9092;
            String db = authEnd + 1 < end ? rest.substring(authEnd + 1, end) : null;
            String hostForUrl = hp.host == null ? "" : hp.host.indexOf(':') >= 0 ? "[" + hp.host + "]" : hp.host;
            return new JdbcUrl("h2", hp.host, port, db,
                    "h2:" + protocol + "://" + hostForUrl + ":" + port + "/" + (db == null ? "" : db));
        }
        String path = rest.substring(0, end);
        if (path.regionMatches(true, 0, "file:", 0, 5)) {
            path = path.substring(5);
        }
        String folded;
        if (path.equals("~")) {
            folded = "~";
        } else if (path.startsWith("~/")) {
            folded = "~" + PathFolder.fold(path.substring(1));
        } else {
            folded = PathFolder.fold(path);
        }
        return new JdbcUrl("h2", null, -1, folded, "h2:file:" + folded);
    }

    // ---- helpers

    private static String defaultTarget(String system, String host, int port, String database) {
        if (host == null) {
            return system;
        }
        StringBuilder out = new StringBuilder(system.length() + host.length() + 16);
        out.append(system).append("://");
        if (host.indexOf(':') >= 0) {
            out.append('[').append(host).append(']');
        } else {
            out.append(host);
        }
        if (port >= 0) {
            out.append(':').append(port);
        }
        out.append('/');
        if (database != null) {
            out.append(database);
        }
        return out.toString();
    }

    static int defaultPort(String system) {
        switch (system) {
            case "postgresql":
            case "pgsql":
                return 5432;
            case "mysql":
            case "mariadb":
                return 3306;
            case "sqlserver":
                return 1433;
            case "oracle":
                return 1521;
            case "db2":
                return 50000;
            default:
                return -1;
        }
    }

    /** First index in {@code s[from, s.length())} of any char of {@code stops}, or the length. */
    private static int endOf(String s, int from, String stops) {
        return endOf(s, from, stops, s.length());
    }

    private static int endOf(String s, int from, String stops, int to) {
        for (int i = from; i < to; i++) {
            if (stops.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return to;
    }

    private static int parsePort(String s, int from, int to) {
        if (from >= to || to - from > 5) {
            return -1;
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535 ? port : -1;
    }

    private static String descriptorValue(String s, String key) {
        int n = s.length();
        int k = key.length();
        for (int i = 0; i + k <= n; i++) {
            if (s.regionMatches(true, i, key, 0, k) && (i == 0 || s.charAt(i - 1) == '(' || s.charAt(i - 1) == ' ')) {
                int end = endOf(s, i + k, ")");
                String value = s.substring(i + k, end).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static String unbrace(String v) {
        return v.length() >= 2 && v.charAt(0) == '{' && v.charAt(v.length() - 1) == '}'
                ? v.substring(1, v.length() - 1) : v;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Host and port of an authority {@code [user[:pw]@]host[:port][<sep>more hosts]}. */
    private static final class HostPort {
        final String host;
        final int port;

        private HostPort(String host, int port) {
            this.host = host;
            this.port = port;
        }

        static HostPort parse(String s, int from, int to, String hostSeparators) {
            int at = s.lastIndexOf('@', to - 1);
            int start = at >= from ? at + 1 : from;
            int end = hostSeparators.isEmpty() ? to : endOf(s, start, hostSeparators, to);
            if (start >= end) {
                return new HostPort(null, -1);
            }
            String host;
            int portFrom;
            if (s.charAt(start) == '[') {
                int close = s.indexOf(']', start);
                if (close < 0 || close >= end) {
                    return new HostPort(null, -1);
                }
                host = s.substring(start + 1, close);
                portFrom = close + 1 < end && s.charAt(close + 1) == ':' ? close + 2 : -1;
            } else {
                int colon = endOf(s, start, ":", end);
                host = s.substring(start, colon);
                portFrom = colon < end ? colon + 1 : -1;
            }
            int port = portFrom >= 0 ? parsePort(s, portFrom, end) : -1;
            if ((portFrom >= 0 && port < 0) || !isHostName(host)) {
                return new HostPort(null, -1); // not a host: maybe a user name and part of a password
            }
            return new HostPort(host.isEmpty() ? null : lower(host), port);
        }

        /** ASCII letters and digits, {@code . - _ %} and, for IPv6, {@code :} (IDN hosts come as punycode). */
        private static boolean isHostName(String host) {
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '.' || c == '-' || c == '_' || c == '%' || c == ':')) {
                    return false;
                }
            }
            return true;
        }
    }
}
