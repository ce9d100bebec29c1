package dev.sinkwatch.collector.profile;

import dev.sinkwatch.collector.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Profiles in the {@link Database} (table {@code sinkwatch_profile}, schema {@code db/migration/V1__profiles.sql}): one JSON
 * snapshot per profile plus a {@code row_version}.
 *
 * <p>Several collectors on one PostgreSQL: saving is optimistic. A profile remembers the row version it last read or
 * wrote; the update is {@code ... WHERE profile_id = ? AND row_version = ?}. When another collector wrote in between
 * (0 rows updated, or the insert of a "new" profile finds a row), the stored snapshot is read and
 * {@linkplain ProfileCodec#merge merged} into the in-memory profile (targets united, approvals united, the furthest
 * state), and the save is retried with the version just read. So every write contains everything the row held: a
 * target learned by any collector is never lost, and each collector also learns the others' targets on its next
 * conflicting save.
 *
 * <p>{@link #inMemory()} gives a store that keeps nothing (tests, demos).
 *
 * <p>Concurrency: thread-safe (pooled connections, no shared mutable state); a profile's monitor is held only while
 * taking its snapshot or merging into it, never during I/O.
 */
public final class ProfileStore {

    private static final Logger LOG = Logger.getLogger(ProfileStore.class.getName());
    private static final int MAX_ATTEMPTS = 10;

    private final Database database;
    private final java.util.concurrent.atomic.AtomicLong conflicts = new java.util.concurrent.atomic.AtomicLong();

    /** On {@code database}'s table {@code sinkwatch_profile} (made by its migrations); null persists nothing. */
    public ProfileStore(Database database) {
        this.database = database;
    }

    /** A store that persists nothing. */
    public static ProfileStore inMemory() {
        return new ProfileStore(null);
    }

    /** Saves that met another collector's newer row and merged it (since start). */
    public long conflicts() {
        return conflicts.get();
    }

    public boolean persistent() {
        return database != null;
    }

    /** Whether other collectors may write the same rows (PostgreSQL), so a profile missing in memory is looked up. */
    public boolean shared() {
        return database != null && database.kind() == Database.Kind.POSTGRESQL;
    }

    /** Every stored profile; rows that cannot be decoded are logged and skipped. */
    public List<Profile> loadAll(int statsCapacity) {
        List<Profile> out = new ArrayList<>();
        if (database == null) {
            return out;
        }
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("SELECT profile_id, row_version, snapshot FROM sinkwatch_profile");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Profile p = decode(rs.getString(1), rs.getLong(2), rs.getString(3), statsCapacity);
                if (p != null) {
                    out.add(p);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load profiles: " + e.getMessage(), e);
        }
        return out;
    }

    /** The stored profile of {@code key}, or null. */
    public Profile load(ProfileKey key, int statsCapacity) {
        if (database == null) {
            return null;
        }
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT profile_id, row_version, snapshot FROM sinkwatch_profile WHERE profile_id = ?")) {
            ps.setString(1, key.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? decode(rs.getString(1), rs.getLong(2), rs.getString(3), statsCapacity) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load profile " + key + ": " + e.getMessage(), e);
        }
    }

    private static Profile decode(String id, long rowVersion, String json, int statsCapacity) {
        try {
            Profile p = ProfileCodec.restore(ProfileCodec.fromJson(json), statsCapacity);
            synchronized (p) {
                p.storedVersion = rowVersion;
            }
            return p;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "skipping undecodable profile " + id, e);
            return null;
        }
    }

    /** Deletes the stored profile of {@code key} (its version was retired); nothing when absent. */
    public void delete(ProfileKey key) {
        if (database == null) {
            return;
        }
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM sinkwatch_profile WHERE profile_id = ?")) {
            ps.setString(1, key.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete profile " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the profile, merging another collector's concurrent version first when there is one. Dirty flags are
     * cleared at snapshot time and set again if the write fails, so a change made during the write is saved next
     * time.
     *
     * @throws IllegalStateException on a database error (the profile stays dirty)
     */
    public void save(Profile p, long nowMillis, int statsCapacity) {
        if (database == null) {
            synchronized (p) {
                p.dirtyBaseline = false;
                p.dirtyStats = false;
                p.lastSavedMillis = nowMillis;
            }
            return;
        }
        String id = p.key().id();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ProfileCodec.Snapshot snapshot;
            long expected;
            boolean wasDirtyBaseline;
            boolean wasDirtyStats;
            synchronized (p) {
                snapshot = ProfileCodec.snapshot(p);
                expected = p.storedVersion;
                wasDirtyBaseline = p.dirtyBaseline;
                wasDirtyStats = p.dirtyStats;
                p.dirtyBaseline = false;
                p.dirtyStats = false;
            }
            String json = ProfileCodec.toJson(snapshot);
            try (Connection c = database.connection()) {
                boolean written = expected == 0 ? insert(c, id, snapshot, json, nowMillis)
                        : update(c, id, snapshot, json, expected, nowMillis);
                if (written) {
                    synchronized (p) {
                        p.storedVersion = Math.max(p.storedVersion, expected + 1);
                        p.lastSavedMillis = nowMillis;
                    }
                    return;
                }
                // Someone else wrote this row: fold their version in and try again on top of it.
                conflicts.incrementAndGet();
                synchronized (p) {
                    p.dirtyBaseline |= wasDirtyBaseline;
                    p.dirtyStats |= wasDirtyStats;
                }
                mergeStored(c, p, id, statsCapacity);
            } catch (SQLException | RuntimeException e) {
                synchronized (p) {
                    p.dirtyBaseline |= wasDirtyBaseline;
                    p.dirtyStats |= wasDirtyStats;
                }
                throw new IllegalStateException("cannot save profile " + p.key() + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("cannot save profile " + p.key() + ": still conflicting after "
                + MAX_ATTEMPTS + " attempts");
    }

    private static boolean insert(Connection c, String id, ProfileCodec.Snapshot s, String json, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sinkwatch_profile (profile_id, service_name, "
                + "service_version, call_site, sink_kind, state, row_version, updated_unix_ms, snapshot) "
                + "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, id);
            ps.setString(2, s.serviceName());
            ps.setString(3, s.serviceVersion());
            ps.setString(4, s.callSiteId());
            ps.setString(5, s.kind());
            ps.setString(6, s.state());
            ps.setLong(7, now);
            ps.setString(8, json);
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean update(Connection c, String id, ProfileCodec.Snapshot s, String json, long expected,
                                  long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sinkwatch_profile SET state = ?, row_version = ?, "
                + "updated_unix_ms = ?, snapshot = ? WHERE profile_id = ? AND row_version = ?")) {
            ps.setString(1, s.state());
            ps.setLong(2, expected + 1);
            ps.setLong(3, now);
            ps.setString(4, json);
            ps.setString(5, id);
            ps.setLong(6, expected);
            return ps.executeUpdate() == 1;
        }
    }

    private static void mergeStored(Connection c, Profile p, String id, int statsCapacity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT row_version, snapshot FROM sinkwatch_profile WHERE profile_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    synchronized (p) {
                        p.storedVersion = 0; // deleted meanwhile: insert again
                    }
                    return;
                }
                long version = rs.getLong(1);
                ProfileCodec.Snapshot theirs = ProfileCodec.fromJson(rs.getString(2));
                synchronized (p) {
                    ProfileCodec.merge(p, theirs, statsCapacity);
                    p.storedVersion = version;
                }
            }
        }
    }
}
