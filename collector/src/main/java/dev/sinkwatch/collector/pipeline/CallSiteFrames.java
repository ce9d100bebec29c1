package dev.sinkwatch.collector.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Remembers the stack frames of each call site from its first sightings and gives them to later delta records,
 * which carry only {@code code.*} (docs/agent-output.md). So every observation, and every alert raised or repeated
 * from one, names the full call path.
 *
 * <p>Persisted with the profiles and alerts (table {@code sinkwatch_call_site_frames}): loaded at start, new or
 * changed frames written behind every {@code flushInterval} by a daemon thread ({@code sinkwatch-frames-flush}), on
 * {@link #flush()} (the journal's checkpoint, before it forgets observations) and at {@link #close()}. So after a
 * restart deltas carry their frames without waiting for the agent to restart and send first sightings again. Without
 * a database (tests) the frames live in memory only.
 *
 * <p>Bounded: at most {@code maxCallSites} entries (about 1 KB each); when full, new call sites are not remembered
 * and their deltas keep empty frames. Concurrency: {@code frames} is a concurrent map of immutable lists;
 * {@code dirty} a concurrent set of keys, drained by one flush at a time ({@code flushLock}); a key whose write
 * failed goes back into it.
 */
public final class CallSiteFrames implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CallSiteFrames.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };

    private final int maxCallSites;
    private final Database database;
    private final Map<String, List<String>> frames = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Object flushLock = new Object();
    private final ScheduledExecutorService flusher;

    /** In memory only. */
    CallSiteFrames(int maxCallSites) {
        this(maxCallSites, null, Duration.ZERO);
    }

    /**
     * Loads the stored frames (up to {@code maxCallSites}) and starts the write-behind thread.
     *
     * @param database where frames are kept; null for memory only
     */
    public CallSiteFrames(int maxCallSites, Database database, Duration flushInterval) {
        this.maxCallSites = maxCallSites;
        this.database = database;
        if (database == null) {
            flusher = null;
            return;
        }
        load();
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sinkwatch-frames-flush");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, flushInterval.toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    Observation complete(Observation o) {
        CallSite site = o.callSite();
        String key = o.service().name() + '\u0000' + site.id();
        if (!site.frames().isEmpty()) {
            if (o.firstSighting() && (frames.size() < maxCallSites || frames.containsKey(key))) {
                List<String> before = frames.put(key, site.frames());
                if (database != null && !site.frames().equals(before)) {
                    dirty.add(key);
                }
            }
            return o;
        }
        List<String> known = frames.get(key);
        if (known == null) {
            return o;
        }
        return new Observation(o.service(), o.instanceId(), o.revision(), o.key(), o.kind(), o.operation(), o.target(),
                new CallSite(site.function(), site.file(), site.line(), known, site.appOrigin()), o.firstSighting(),
                o.error(), o.count(), o.errors(), o.durationSumNanos(), o.durationMaxNanos(), o.durationBuckets(),
                o.attributes(), o.startUnixMillis(), o.endUnixMillis());
    }

    int size() {
        return frames.size();
    }

    /**
     * Writes the frames learnt since the last flush.
     *
     * @throws IllegalStateException when the database refused (the frames are written at the next flush)
     */
    public void flush() {
        if (database == null) {
            return;
        }
        synchronized (flushLock) {
            if (dirty.isEmpty()) {
                return;
            }
            List<String> keys = List.copyOf(dirty);
            keys.forEach(dirty::remove);
            try (Connection connection = database.connection()) {
                connection.setAutoCommit(false);
                long now = System.currentTimeMillis();
                for (String key : keys) {
                    save(connection, key, frames.get(key), now);
                }
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                dirty.addAll(keys);
                throw new IllegalStateException("call-site frames not saved (retried at the next flush): "
                        + e.getMessage(), e);
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e.getMessage());
        }
    }

    /** Stops the write-behind thread and writes what is left. */
    @Override
    public void close() {
        if (flusher == null) {
            return;
        }
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }

    private void load() {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT service_name, call_site, frames FROM sinkwatch_call_site_frames")) {
            select.setMaxRows(maxCallSites);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    frames.put(rows.getString(1) + '\u0000' + rows.getString(2),
                            List.copyOf(JSON.readValue(rows.getString(3), LIST)));
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot load call-site frames: " + e.getMessage(), e);
        }
    }

    private static void save(Connection connection, String key, List<String> value, long nowMillis)
            throws SQLException, IOException {
        if (value == null) {
            return;
        }
        int nul = key.indexOf('\u0000');
        String id = id(key);
        String json = JSON.writeValueAsString(value);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sinkwatch_call_site_frames SET frames = ?, updated_unix_ms = ? WHERE frame_id = ?")) {
            update.setString(1, json);
            update.setLong(2, nowMillis);
            update.setString(3, id);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sinkwatch_call_site_frames "
                + "(frame_id, service_name, call_site, frames, updated_unix_ms) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING")) {
            insert.setString(1, id);
            insert.setString(2, truncate(key.substring(0, nul), 512));
            insert.setString(3, truncate(key.substring(nul + 1), 4096));
            insert.setString(4, json);
            insert.setLong(5, nowMillis);
            insert.executeUpdate();
        }
    }

    /** Hex SHA-256 of the key, 32 characters: the key itself may be longer than an index allows. */
    private static String id(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String value, int maxChars) {
        return value.length() <= maxChars ? value : value.substring(0, maxChars);
    }
}
