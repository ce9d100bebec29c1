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

import java.lang.ref.WeakReference;
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
 * second. Each thread keeps its last {@value #RING} statements in a small ring, through plain weak references (no
 * reference queue: a ring entry that dies with its statement is never even discovered by the collector, so the cost
 * is one small allocation per prepare). A statement's {@code close()} (its hook) empties its slot; a statement still in
 * the ring when it leaves it was not closed on this thread, so it moves to a weak identity map and is found from any
 * thread (a statement closed on another thread is removed from the map by that close). Nothing the application let
 * go is held: a connection dropped unclosed, its statements and parameters, and the class loader of whoever made them
 * can all be collected (what is kept per statement is the agent's own: its database, interned target and, when asked
 * for, its raw SQL). A statement prepared on one thread and executed on another while still in the first thread's
 * ring is not seen.
 *
 * <p>Calls back into the driver: none on the common path; a statement is never asked anything. A connection's
 * database comes from the {@code Driver.connect} that opened it, or from the statement the driver created just before
 * on the same thread (a pool's proxy), or from the database last seen on the thread. Only a connection none of these
 * explains (opened before the agent, or by a driver's own {@code DataSource} that bypasses {@code Driver.connect}, on
 * a thread that never touched a database) is asked {@code getMetaData().getURL()}: nothing else names its database,
 * and the dialect decides how its SQL is fingerprinted. It is asked once, whatever the answer (a failure is
 * remembered as unknown), right after the driver created a statement on it, on the thread that did.
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

    /** Remembered for a connection whose metadata named no database, so it is not asked again. */
    private static final JdbcUrl UNNAMED = JdbcUrl.parse("");

    private final boolean captureRaw;
    private final TargetTable table = new TargetTable(SinkKind.JDBC.wireName(), 20_000);
    private final WeakIdentityMap<JdbcUrl> connections = new WeakIdentityMap<>(100_000);
    private final WeakIdentityMap<StatementInfo> statements = new WeakIdentityMap<>(200_000);
    private final ConcurrentHashMap<String, Target> connectTargets = new ConcurrentHashMap<>();

    /** Statements per thread found without the shared map; a power of two. */
    static final int RING = 8;

    /** Per-thread lookups, kept in {@link ThreadState#scratch}: a reusable map probe and the statement ring. */
    static final class ThreadCache {
        final WeakIdentityMap.Lookup lookup = new WeakIdentityMap.Lookup();
        @SuppressWarnings("unchecked")
        final WeakReference<Object>[] statements = new WeakReference[RING];
        final StatementInfo[] infos = new StatementInfo[RING];
        /** The SQL each ring statement was reported with: a driver's overloads report one statement again. */
        final String[] sqls = new String[RING];
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
        // A driver's prepareStatement(sql) calling its own prepareStatement(sql, type, concurrency) reports one
        // statement twice: once it is known with this SQL, there is nothing to learn, and it keeps its one slot.
        int known = ringSlot(cache, statement);
        if (known >= 0 && cache.sqls[known] == sql) {
            return;
        }
        JdbcUrl db = connections.get(connection, cache.lookup);
        if (db == UNNAMED) {
            db = cache.lastDatabase;
        } else if (db == null) {
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
        if (known >= 0) {
            cache.infos[known] = info;
            cache.sqls[known] = sql;
            return;
        }
        int slot = cache.next;
        cache.next = (slot + 1) & (RING - 1);
        WeakReference<Object> leavingRef = cache.statements[slot];
        Object leaving = leavingRef == null ? null : leavingRef.get();
        StatementInfo leavingInfo = cache.infos[slot];
        cache.statements[slot] = new WeakReference<>(statement);
        cache.infos[slot] = info;
        cache.sqls[slot] = sql;
        if (leaving != null) {
            statements.put(leaving, leavingInfo); // not closed here: may be executed again, from any thread
        }
    }

    @Override
    public void statementClosed(ThreadState state, Object statement) {
        ThreadCache cache = cache(state);
        int slot = ringSlot(cache, statement);
        if (slot >= 0) {
            cache.statements[slot] = null;
            cache.infos[slot] = null;
            cache.sqls[slot] = null;
        } else if (!statements.isEmpty()) {
            // Not in the ring: closed on another thread, or closed again (a wrapper's close calling its delegate's,
            // a subclass's calling super.close()); the shared map is searched only when it holds anything.
            statements.remove(statement, cache.lookup);
        }
    }

    /** The ring slot holding {@code statement}, or -1. */
    private static int ringSlot(ThreadCache cache, Object statement) {
        for (int i = 0; i < RING; i++) {
            WeakReference<Object> ref = cache.statements[i];
            if (ref != null && ref.get() == statement) {
                return i;
            }
        }
        return -1;
    }

    /** The database a connection is known to belong to, or null. */
    private JdbcUrl knownDatabase(Object connection, ThreadState state) {
        JdbcUrl db = connections.get(connection, cache(state).lookup);
        return db == UNNAMED ? null : db;
    }

    /** The dialect of a database; the unknown one (which folds the most) when the database is not known. */
    private static SqlDialect dialect(JdbcUrl database) {
        return database == null ? SqlDialect.UNKNOWN : database.dialect();
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

    /**
     * Last resort for connections opened before the agent or outside {@code Driver.connect}: asked once per
     * connection, the answer (or that there is none) remembered.
     */
    private JdbcUrl fromMetaData(Object connection) {
        JdbcUrl db = null;
        try {
            String url = ((java.sql.Connection) connection).getMetaData().getURL();
            db = url == null ? null : JdbcUrl.parse(url);
        } catch (Throwable ignored) {
            // a closed or unusual connection: the database stays unknown
        }
        connections.put(connection, db == null ? UNNAMED : db);
        return db;
    }

    private StatementInfo statementInfo(Object statement, ThreadState state) {
        ThreadCache cache = cache(state);
        int slot = ringSlot(cache, statement);
        if (slot >= 0) {
            return cache.infos[slot];
        }
        return statements.isEmpty() ? null : statements.get(statement, cache.lookup);
    }

    /** Statements in the shared map (that left a thread's ring unclosed); for tests. */
    int sharedStatements() {
        return statements.size();
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
            JdbcUrl db = context == null ? null : knownDatabase(context, state);
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
            url = context == null ? null : knownDatabase(context, state);
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
