package dev.sinkwatch.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.collector.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SQL for the two alert tables (db/migration/V2__alerts.sql). Every method works on a caller's connection so the caller decides
 * the transaction; nothing here commits. The SQL is the subset PostgreSQL and H2 (PostgreSQL mode) share:
 * {@code INSERT ... ON CONFLICT DO NOTHING}, {@code SELECT ... FOR UPDATE}, {@code LIMIT}.
 */
final class AlertStore {

    /** An outbox row claimed for delivery. */
    record DeliveryRow(long id, String alertId, String receiver, String event, String snapshot, int attempts) {
    }

    private final Database.Kind kind;

    AlertStore(Database.Kind kind) {
        this.kind = kind;
    }

    private static final String COLUMNS = "id, service_name, service_version, detector, call_site_id, "
            + "target_fingerprint, severity, status, summary, body, occurrences, first_seen_ms, last_seen_ms, "
            + "active_since_ms, resolved_at_ms, resolve_reason, acknowledged, acknowledged_by, acknowledged_at_ms, "
            + "reopen_count, next_resend_ms";

    /** @return true when this call inserted the row, false when a row with the id already existed */
    boolean insertIfAbsent(Connection connection, AlertRow row) throws SQLException {
        String sql = "INSERT INTO sinkwatch_alert (" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 0;
            statement.setString(++i, row.id());
            statement.setString(++i, row.serviceName());
            statement.setString(++i, row.serviceVersion());
            statement.setString(++i, row.detector());
            statement.setString(++i, row.callSiteId());
            statement.setString(++i, row.targetFingerprint());
            statement.setString(++i, row.severity().wireName());
            statement.setString(++i, row.status().wireName());
            statement.setString(++i, row.summary());
            statement.setString(++i, json(row.body()));
            statement.setLong(++i, row.count());
            statement.setLong(++i, row.firstSeenMs());
            statement.setLong(++i, row.lastSeenMs());
            statement.setLong(++i, row.activeSinceMs());
            setLong(statement, ++i, row.resolvedAtMs());
            statement.setString(++i, row.resolveReason());
            statement.setBoolean(++i, row.acknowledged());
            statement.setString(++i, row.acknowledgedBy());
            setLong(statement, ++i, row.acknowledgedAtMs());
            statement.setInt(++i, row.reopenCount());
            statement.setLong(++i, row.nextResendMs());
            return statement.executeUpdate() == 1;
        }
    }

    /** Rewrites every mutable column of an existing row (the caller holds its lock). */
    void update(Connection connection, AlertRow row) throws SQLException {
        String sql = "UPDATE sinkwatch_alert SET service_version = ?, severity = ?, status = ?, summary = ?, body = ?, "
                + "occurrences = ?, last_seen_ms = ?, active_since_ms = ?, resolved_at_ms = ?, resolve_reason = ?, "
                + "acknowledged = ?, acknowledged_by = ?, acknowledged_at_ms = ?, reopen_count = ?, "
                + "next_resend_ms = ? WHERE id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 0;
            statement.setString(++i, row.serviceVersion());
            statement.setString(++i, row.severity().wireName());
            statement.setString(++i, row.status().wireName());
            statement.setString(++i, row.summary());
            statement.setString(++i, json(row.body()));
            statement.setLong(++i, row.count());
            statement.setLong(++i, row.lastSeenMs());
            statement.setLong(++i, row.activeSinceMs());
            setLong(statement, ++i, row.resolvedAtMs());
            statement.setString(++i, row.resolveReason());
            statement.setBoolean(++i, row.acknowledged());
            statement.setString(++i, row.acknowledgedBy());
            setLong(statement, ++i, row.acknowledgedAtMs());
            statement.setInt(++i, row.reopenCount());
            statement.setLong(++i, row.nextResendMs());
            statement.setString(++i, row.id());
            if (statement.executeUpdate() != 1) {
                throw new SQLException("alert " + row.id() + " vanished while locked");
            }
        }
    }

    AlertRow find(Connection connection, String id, boolean forUpdate) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM sinkwatch_alert WHERE id = ?" + (forUpdate ? " FOR UPDATE" : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    List<AlertRow> list(Connection connection, AlertQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sinkwatch_alert WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (query.service() != null) {
            sql.append(" AND service_name = ?");
            args.add(query.service());
        }
        if (query.status() != null) {
            sql.append(" AND status = ?");
            args.add(query.status().wireName());
        }
        if (query.severity() != null) {
            sql.append(" AND severity = ?");
            args.add(query.severity().wireName());
        }
        sql.append(" ORDER BY last_seen_ms DESC, id LIMIT ").append(query.limit());
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                statement.setString(i + 1, args.get(i));
            }
            List<AlertRow> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
    }

    /** Ids of firing alerts whose last occurrence is older than {@code cutoffMs}. */
    List<String> inactiveSince(Connection connection, long cutoffMs, int limit) throws SQLException {
        return ids(connection, "SELECT id FROM sinkwatch_alert WHERE status = 'firing' AND last_seen_ms < ? "
                + "ORDER BY last_seen_ms LIMIT " + limit, cutoffMs);
    }

    /** Ids of firing alerts due for an Alertmanager resend. */
    List<String> resendDue(Connection connection, long nowMs, int limit) throws SQLException {
        return ids(connection, "SELECT id FROM sinkwatch_alert WHERE status = 'firing' AND next_resend_ms <= ? "
                + "ORDER BY next_resend_ms LIMIT " + limit, nowMs);
    }

    /** Claims the resend of one alert: true for exactly one caller among collectors racing for it. */
    boolean claimResend(Connection connection, String id, long nowMs, long nextResendMs) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE sinkwatch_alert SET next_resend_ms = ? "
                + "WHERE id = ? AND status = 'firing' AND next_resend_ms <= ?")) {
            statement.setLong(1, nextResendMs);
            statement.setString(2, id);
            statement.setLong(3, nowMs);
            return statement.executeUpdate() == 1;
        }
    }

    boolean acknowledge(Connection connection, String id, String by, long nowMs) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE sinkwatch_alert SET acknowledged = ?, "
                + "acknowledged_by = ?, acknowledged_at_ms = ? WHERE id = ?")) {
            statement.setBoolean(1, true);
            statement.setString(2, by);
            statement.setLong(3, nowMs);
            statement.setString(4, id);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Resolves a firing alert; true for exactly one caller. {@code lastSeenBeforeMs} (nullable) makes it conditional
     * on inactivity, so an occurrence committed in between wins over the sweeper.
     */
    boolean resolve(Connection connection, String id, String reason, long nowMs, Long lastSeenBeforeMs)
            throws SQLException {
        String sql = "UPDATE sinkwatch_alert SET status = 'resolved', resolved_at_ms = ?, resolve_reason = ? "
                + "WHERE id = ? AND status = 'firing'" + (lastSeenBeforeMs != null ? " AND last_seen_ms < ?" : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, nowMs);
            statement.setString(2, reason);
            statement.setString(3, id);
            if (lastSeenBeforeMs != null) {
                statement.setLong(4, lastSeenBeforeMs);
            }
            return statement.executeUpdate() == 1;
        }
    }

    Map<Severity, Long> activeBySeverity(Connection connection) throws SQLException {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        try (PreparedStatement statement = connection.prepareStatement("SELECT severity, COUNT(*) FROM "
                + "sinkwatch_alert WHERE status = 'firing' GROUP BY severity");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                counts.put(Severity.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getLong(2));
            }
        }
        return counts;
    }

    // ---- outbox -------------------------------------------------------------------------------------------------

    void enqueue(Connection connection, String alertId, String receiver, String event, String snapshot, long nowMs)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO sinkwatch_alert_delivery "
                + "(alert_id, receiver, event, state, snapshot, attempts, created_ms, next_attempt_ms) "
                + "VALUES (?, ?, ?, 'pending', ?, 0, ?, ?)")) {
            statement.setString(1, alertId);
            statement.setString(2, receiver);
            statement.setString(3, event);
            statement.setString(4, snapshot);
            statement.setLong(5, nowMs);
            statement.setLong(6, nowMs);
            statement.executeUpdate();
        }
    }

    boolean hasPending(Connection connection, String alertId, String receiver) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM sinkwatch_alert_delivery "
                + "WHERE alert_id = ? AND receiver = ? AND state = 'pending' LIMIT 1")) {
            statement.setString(1, alertId);
            statement.setString(2, receiver);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code owner} until {@code leaseUntilMs}, in one transaction the
     * caller commits. A delivery is due when pending, its retry time has come, nobody holds a live lease on it, and
     * no older delivery of the same alert to the same receiver is still pending (per alert and receiver, events go
     * out in order: firing before resolved).
     *
     * <p>Exclusion: on PostgreSQL the candidates are locked with {@code FOR UPDATE SKIP LOCKED}, so concurrent
     * claimers on other collectors skip them instead of waiting; on both databases the lease is then taken by a
     * conditional {@code UPDATE ... WHERE lease is free}, which succeeds for exactly one claimer even if two saw the
     * same candidate.
     */
    List<DeliveryRow> claim(Connection connection, List<String> receivers, String owner, long nowMs, long leaseUntilMs,
                            int limit) throws SQLException {
        if (receivers.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", java.util.Collections.nCopies(receivers.size(), "?"));
        String sql = "SELECT d.id, d.alert_id, d.receiver, d.event, d.snapshot, d.attempts "
                + "FROM sinkwatch_alert_delivery d WHERE d.state = 'pending' AND d.next_attempt_ms <= ? "
                + "AND (d.lease_until_ms IS NULL OR d.lease_until_ms < ?) AND d.receiver IN (" + in + ") "
                + "AND NOT EXISTS (SELECT 1 FROM sinkwatch_alert_delivery e WHERE e.alert_id = d.alert_id "
                + "AND e.receiver = d.receiver AND e.state = 'pending' AND e.id < d.id) "
                + "ORDER BY d.id LIMIT " + limit
                + (kind == Database.Kind.POSTGRESQL ? " FOR UPDATE OF d SKIP LOCKED" : "");
        List<DeliveryRow> candidates = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 0;
            statement.setLong(++i, nowMs);
            statement.setLong(++i, nowMs);
            for (String receiver : receivers) {
                statement.setString(++i, receiver);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new DeliveryRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6)));
                }
            }
        }
        List<DeliveryRow> claimed = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("UPDATE sinkwatch_alert_delivery "
                + "SET lease_owner = ?, lease_until_ms = ? WHERE id = ? AND state = 'pending' "
                + "AND (lease_until_ms IS NULL OR lease_until_ms < ?)")) {
            for (DeliveryRow candidate : candidates) {
                statement.setString(1, owner);
                statement.setLong(2, leaseUntilMs);
                statement.setLong(3, candidate.id());
                statement.setLong(4, nowMs);
                if (statement.executeUpdate() == 1) {
                    claimed.add(candidate);
                }
            }
        }
        return claimed;
    }

    /** Marks a claimed delivery done ({@code delivered} or {@code failed}); false if the lease was lost. */
    boolean finish(Connection connection, long id, String owner, String state, long nowMs, String error)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE sinkwatch_alert_delivery SET "
                + "state = ?, attempts = attempts + 1, done_ms = ?, last_error = ?, lease_owner = NULL, "
                + "lease_until_ms = NULL WHERE id = ? AND lease_owner = ?")) {
            statement.setString(1, state);
            statement.setLong(2, nowMs);
            statement.setString(3, error);
            statement.setLong(4, id);
            statement.setString(5, owner);
            return statement.executeUpdate() == 1;
        }
    }

    /** Schedules another attempt of a claimed delivery and releases the lease; false if the lease was lost. */
    boolean retryLater(Connection connection, long id, String owner, long nextAttemptMs, String error)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE sinkwatch_alert_delivery SET "
                + "attempts = attempts + 1, next_attempt_ms = ?, last_error = ?, lease_owner = NULL, "
                + "lease_until_ms = NULL WHERE id = ? AND lease_owner = ?")) {
            statement.setLong(1, nextAttemptMs);
            statement.setString(2, error);
            statement.setLong(3, id);
            statement.setString(4, owner);
            return statement.executeUpdate() == 1;
        }
    }

    /** Deletes delivered and given-up deliveries finished before {@code cutoffMs}; pending ones are never deleted. */
    int pruneDone(Connection connection, long cutoffMs) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM sinkwatch_alert_delivery "
                + "WHERE state <> 'pending' AND done_ms < ?")) {
            statement.setLong(1, cutoffMs);
            return statement.executeUpdate();
        }
    }

    long backlog(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM sinkwatch_alert_delivery WHERE state = 'pending'");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- mapping ------------------------------------------------------------------------------------------------

    private static List<String> ids(Connection connection, String sql, long arg) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, arg);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private static AlertRow row(ResultSet rs) throws SQLException {
        AlertRow.Body body;
        try {
            body = AlertJson.MAPPER.readValue(rs.getString("body"), AlertRow.Body.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("alert " + rs.getString("id") + " has an unreadable body: " + e.getMessage(), e);
        }
        return AlertRow.builder().id(rs.getString("id"))
                .service(rs.getString("service_name"), rs.getString("service_version"))
                .identity(rs.getString("detector"), rs.getString("call_site_id"), rs.getString("target_fingerprint"))
                .severity(Severity.valueOf(rs.getString("severity").toUpperCase(Locale.ROOT)))
                .status(AlertStatus.fromWireName(rs.getString("status")))
                .latest(rs.getString("summary"), body)
                .count(rs.getLong("occurrences"))
                .firstSeenMs(rs.getLong("first_seen_ms"))
                .lastSeenMs(rs.getLong("last_seen_ms"))
                .activeSinceMs(rs.getLong("active_since_ms"))
                .resolved(nullableLong(rs, "resolved_at_ms"), rs.getString("resolve_reason"))
                .acknowledged(rs.getBoolean("acknowledged"), rs.getString("acknowledged_by"),
                        nullableLong(rs, "acknowledged_at_ms"))
                .reopenCount(rs.getInt("reopen_count"))
                .nextResendMs(rs.getLong("next_resend_ms"))
                .build();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static String json(Object value) throws SQLException {
        try {
            return AlertJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
