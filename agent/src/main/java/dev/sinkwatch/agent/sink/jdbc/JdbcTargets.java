package dev.sinkwatch.agent.sink.jdbc;

import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.aggregate.Target;
import dev.sinkwatch.agent.aggregate.TargetResolver;
import dev.sinkwatch.agent.aggregate.TargetTable;
import dev.sinkwatch.agent.aggregate.WeakIdentityMap;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.normalize.JdbcUrl;
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
 */
final class JdbcTargets implements TargetResolver, Recorder.JdbcListener {

    /** What is known of a database; attribute values only, never credentials. */
    static final class Database {
        final JdbcUrl url;

        Database(JdbcUrl url) {
            this.url = url;
        }
    }

    private static final class StatementInfo {
        final Database database;
        final Target target;
        final String rawSql;

        StatementInfo(Database database, Target target, String rawSql) {
            this.database = database;
            this.target = target;
            this.rawSql = rawSql;
        }
    }

    private final boolean captureRaw;
    private final TargetTable table = new TargetTable("jdbc", 20_000);
    private final WeakIdentityMap<Database> connections = new WeakIdentityMap<>(100_000);
    private final WeakIdentityMap<StatementInfo> statements = new WeakIdentityMap<>(200_000);
    private final ConcurrentHashMap<String, Target> connectTargets = new ConcurrentHashMap<>();
    private final ThreadLocal<Database> lastDatabase = new ThreadLocal<>();

    JdbcTargets(boolean captureRaw) {
        this.captureRaw = captureRaw;
    }

    @Override
    public String kind() {
        return "jdbc";
    }

    @Override
    public void connectionOpened(Object connection, String url) {
        connections.put(connection, new Database(JdbcUrl.parse(url)));
    }

    @Override
    public void statementCreated(Object connection, Object statement, String sql) {
        Database db = connections.get(connection);
        if (db == null) {
            db = lastDatabase.get();
            if (db == null) {
                db = fromMetaData(connection);
            }
        }
        if (db != null) {
            lastDatabase.set(db);
        }
        Target target = sql == null ? null : table.intern(SqlFingerprintCache.SHARED.fingerprint(sql));
        statements.put(statement, new StatementInfo(db, target, captureRaw ? sql : null));
    }

    /** Last resort for connections opened before the agent or outside {@code Driver.connect}. */
    private Database fromMetaData(Object connection) {
        try {
            String url = ((java.sql.Connection) connection).getMetaData().getURL();
            if (url != null) {
                Database db = new Database(JdbcUrl.parse(url));
                connections.put(connection, db);
                return db;
            }
        } catch (Throwable ignored) {
            // a closed or unusual connection: the database stays unknown
        }
        return null;
    }

    private StatementInfo statementInfo(Object statement, ThreadState state) {
        Object scratch = state == null ? null : state.scratch;
        if (!(scratch instanceof WeakIdentityMap.Lookup)) {
            scratch = new WeakIdentityMap.Lookup();
            if (state != null) {
                state.scratch = scratch;
            }
        }
        return statements.get(statement, (WeakIdentityMap.Lookup) scratch);
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
        if (target instanceof String) {
            return table.intern(SqlFingerprintCache.SHARED.fingerprint((String) target));
        }
        StatementInfo info = statementInfo(target, state);
        return info == null ? null : info.target;
    }

    @Override
    public void attributes(int operation, Target resolved, Object target, Object context, Map<String, Object> into) {
        JdbcUrl url;
        if (operation == Ops.JDBC_CONNECT) {
            url = JdbcUrl.parse((String) target);
        } else {
            StatementInfo info = statementInfo(target instanceof String ? context : target, null);
            url = info != null && info.database != null ? info.database.url : null;
            into.put("db.query.text", resolved.text());
        }
        if (url != null) {
            into.put("db.system.name", url.system());
            if (url.database() != null) {
                into.put("db.namespace", url.database());
            }
            if (url.host() != null) {
                into.put("server.address", url.host());
                if (url.port() > 0) {
                    into.put("server.port", (long) url.port());
                }
            }
        }
    }

    @Override
    public String raw(Object target, Object context) {
        if (target instanceof String) {
            return (String) target;
        }
        StatementInfo info = statementInfo(target, null);
        return info == null ? null : info.rawSql;
    }
}
