package dev.sinkwatch.agent.sink.jdbc;

import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.aggregate.WeakIdentityMap;
import dev.sinkwatch.agent.bootstrap.JdbcRecorder;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.normalize.JdbcUrl;
import dev.sinkwatch.agent.normalize.SqlDialect;
import dev.sinkwatch.agent.normalize.SqlFingerprintCache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves JDBC targets: SQL text to its fingerprint, a prepared statement to the fingerprint of the SQL it was
 * prepared with, a driver URL to {@code system://host:port/db}. Remembers, weakly, which database each connection
 * and statement belongs to.
 *
 * <p>Pools wrap connections the driver never saw open (a proxy's {@code prepareStatement} calls the driver's):
 * the driver's statement is created first, on the same thread, so the proxy's statement takes the database of the
 * statement created just before it on that thread.
 *
 * <p>Statements: most applications prepare, execute and close a statement on one thread, thousands of times a
 * second. Each thread keeps its last {@value #RING} statements in a small ring (strong references, so at most that
 * many closed statements per thread stay reachable until overwritten); a statement still open when it leaves the
 * ring moves to a weak identity map, so long-lived statements are found from any thread. Weak references are
 * thus made only for statements that outlive the ring, not for every prepare (each costs the garbage collector).
 * A statement prepared on one thread and executed on another while still in the first thread's ring is not seen.
 */
final class JdbcTargets implements TargetResolver, JdbcRecorder {

    private static final class StatementInfo {
        /** The database, as its credential-free parsed URL; null when unknown. */
        final JdbcUrl database;
        final Target target;
        final String rawSql;

        StatementInfo(JdbcUrl database, Target target, String rawSql) {
            this.database = database;
            this.target = target;
            this.rawSql = rawSql;
        }
    }

    private final boolean captureRaw;
    private final TargetTable table = new TargetTable(SinkKind.JDBC.wireName(), 20_000);
    private final WeakIdentityMap<JdbcUrl> connections = new WeakIdentityMap<>(100_000);
    private final WeakIdentityMap<StatementInfo> statements = new WeakIdentityMap<>(200_000);
    private final ConcurrentHashMap<String, Target> connectTargets = new ConcurrentHashMap<>();
    /** Statements per thread kept without weak references; a power of two. */
    static final int RING = 8;

    /** Per-thread lookups, kept in {@link ThreadState#scratch}: a reusable map probe and the statement ring. */
    static final class ThreadCache {
        final WeakIdentityMap.Lookup lookup = new WeakIdentityMap.Lookup();
        final Object[] statements = new Object[RING];
        final StatementInfo[] infos = new StatementInfo[RING];
        int next;
        JdbcUrl lastDatabase;
    }

    JdbcTargets(boolean captureRaw) {
        this.captureRaw = captureRaw;
    }

    @Override
    public String kind() {
        return SinkKind.JDBC.wireName();
    }

    @Override
    public void connectionOpened(Object connection, String url) {
        connections.put(connection, JdbcUrl.parse(url));
    }

    @Override
    public void statementCreated(ThreadState state, Object connection, Object statement, String sql) {
        ThreadCache cache = cache(state);
        JdbcUrl db = connections.get(connection, cache.lookup);
        if (db == null) {
            db = cache.lastDatabase;
            if (db == null) {
                db = fromMetaData(connection);
            }
        }
        if (db != null) {
            cache.lastDatabase = db;
        }
        Target target = sql == null ? null : table.intern(SqlFingerprintCache.SHARED.fingerprint(sql, dialect(db)));
        // The raw SQL stays with the statement when a request is served, so its inputs can be looked for in it.
        StatementInfo info = new StatementInfo(db, target, captureRaw || state.request != null ? sql : null);
        int slot = cache.next;
        cache.next = (slot + 1) & (RING - 1);
        Object leaving = cache.statements[slot];
        StatementInfo leavingInfo = cache.infos[slot];
        cache.statements[slot] = statement;
        cache.infos[slot] = info;
        if (leaving != null && leaving != statement && isOpen(leaving)) {
            statements.put(leaving, leavingInfo); // outlives the ring: may be executed again, from any thread
        }
    }

    /** The dialect of a database; the unknown one (which folds the most) when the database is not known. */
    private static SqlDialect dialect(JdbcUrl database) {
        return database == null ? SqlDialect.UNKNOWN : database.dialect();
    }

    private static boolean isOpen(Object statement) {
        try {
            return !((java.sql.Statement) statement).isClosed();
        } catch (Throwable t) {
            return true; // cannot tell: keep it findable
        }
    }

    private static ThreadCache cache(ThreadState state) {
        Object scratch = state == null ? null : state.scratch;
        if (scratch instanceof ThreadCache) {
            return (ThreadCache) scratch;
        }
        ThreadCache cache = new ThreadCache();
        if (state != null) {
            state.scratch = cache;
        }
        return cache;
    }

    /** Last resort for connections opened before the agent or outside {@code Driver.connect}. */
    private JdbcUrl fromMetaData(Object connection) {
        try {
            String url = ((java.sql.Connection) connection).getMetaData().getURL();
            if (url != null) {
                JdbcUrl db = JdbcUrl.parse(url);
                connections.put(connection, db);
                return db;
            }
        } catch (Throwable ignored) {
            // a closed or unusual connection: the database stays unknown
        }
        return null;
    }

    private StatementInfo statementInfo(Object statement, ThreadState state) {
        ThreadCache cache = cache(state);
        for (int i = 0; i < RING; i++) {
            if (cache.statements[i] == statement) {
                return cache.infos[i];
            }
        }
        return statements.get(statement, cache.lookup);
    }

    @Override
    public Target resolve(int operation, Object target, Object context, ThreadState state) {
        if (operation == Ops.JDBC_CONNECT) {
            String url = (String) target;
            Target t = connectTargets.get(url);
            if (t == null) {
                t = table.intern(JdbcUrl.parse(url).target());
                if (connectTargets.size() < 1000) {
                    connectTargets.put(url, t);
                }
            }
            return t;
        }
        if (operation == Ops.JDBC_PREPARE) { // a prepare that threw: the connection is the context
            JdbcUrl db = context == null ? null : connections.get(context, cache(state).lookup);
            return table.intern(SqlFingerprintCache.SHARED.fingerprint((String) target, dialect(db)));
        }
        if (target instanceof String) { // Statement.execute(sql): the statement is the context
            StatementInfo info = context == null ? null : statementInfo(context, state);
            SqlDialect dialect = dialect(info == null ? null : info.database);
            return table.intern(SqlFingerprintCache.SHARED.fingerprint((String) target, dialect));
        }
        StatementInfo info = statementInfo(target, state);
        return info == null ? null : info.target;
    }

    @Override
    public void attributes(ThreadState state, int operation, Target resolved, Object target, Object context, Map<String, Object> into) {
        JdbcUrl url;
        if (operation == Ops.JDBC_CONNECT) {
            url = JdbcUrl.parse((String) target);
        } else if (operation == Ops.JDBC_PREPARE) {
            url = context == null ? null : connections.get(context, cache(state).lookup);
            into.put(SinkAttributes.DB_QUERY_TEXT, resolved.text());
        } else {
            StatementInfo info = statementInfo(target instanceof String ? context : target, state);
            url = info == null ? null : info.database;
            into.put(SinkAttributes.DB_QUERY_TEXT, resolved.text());
        }
        if (url != null) {
            into.put(SinkAttributes.DB_SYSTEM_NAME, url.system());
            if (url.database() != null) {
                into.put(SinkAttributes.DB_NAMESPACE, url.database());
            }
            if (url.host() != null) {
                into.put(SinkAttributes.SERVER_ADDRESS, url.host());
                if (url.port() > 0) {
                    into.put(SinkAttributes.SERVER_PORT, (long) url.port());
                }
            }
        }
    }

    @Override
    public String raw(ThreadState state, Object target, Object context) {
        if (target instanceof String) {
            return (String) target;
        }
        StatementInfo info = statementInfo(target, state);
        return info == null ? null : info.rawSql;
    }
}
