package dev.sinkwatch.collector.journal;

import dev.sinkwatch.collector.model.Observation;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A write-ahead journal of batches of {@code T}; the collector keeps two: accepted observations ({@link #open(Path,
 * Durability)}) and findings waiting for the alert store (the alert layer's finding outbox).
 *
 * <p>For observations: a batch is appended (and, with {@code fsync}, forced to disk)
 * before ingest answers 200, so what was acknowledged survives {@code kill -9}; at start the batches still in the
 * journal are replayed through detection. Delivery is at least once: a batch processed just before a crash is
 * processed again after it (alerts deduplicate; profile counters may count it twice).
 *
 * <p>Files: {@code journal-<n>.log} segments under the data directory; an entry is {@code [int length][int crc32]
 * [payload]}, the payload {@code [byte type][long id]} then, for a batch, {@code [int count]} observations
 * ({@link ObservationCodec}), for a cancel nothing (the batch {@code id} was refused after being written, so the
 * client retries it). A torn last entry (crash mid-write, never acknowledged) ends the segment's replay.
 *
 * <p>Forgetting: {@link #checkpoint} seals the active segment and deletes every sealed segment whose batches have
 * all been processed, after running {@code flushState} (the profiles' write-behind) so that their effects are in
 * the database first. Alerts are written synchronously when raised.
 *
 * <p>Concurrency: appends are serialised by {@code lock} (which also guards {@code active}, {@code channel},
 * {@code nextId}); each segment's {@code outstanding} counter is atomic and decremented by pipeline workers;
 * {@code segments} is a concurrent map; checkpoints run on one thread.
 */
public final class Journal<T> implements AutoCloseable {

    /** How one item is written to and read from an entry; written and read by the same collector version. */
    public interface Codec<T> {
        void write(T item, DataOutput out) throws IOException;

        T read(DataInput in) throws IOException;
    }

    private static final Codec<Observation> OBSERVATIONS = new Codec<>() {
        @Override
        public void write(Observation item, DataOutput out) throws IOException {
            ObservationCodec.write(item, out);
        }

        @Override
        public Observation read(DataInput in) throws IOException {
            return ObservationCodec.read(in);
        }
    };

    /** How far an append goes before ingest answers. */
    public enum Durability {
        /** forced to disk: survives a crash of the machine */
        FSYNC,
        /** written to the operating system: survives a kill of the process, not of the machine */
        OS
    }

    /** Where an appended batch is, to mark it processed or cancelled. */
    public record Entry(Segment segment, long id) {
    }

    /** One journal file. */
    public static final class Segment {
        final long number;
        final Path path;
        final AtomicInteger outstanding = new AtomicInteger();
        volatile boolean sealed;
        int entries;

        Segment(long number, Path path) {
            this.number = number;
            this.path = path;
        }
    }

    private static final Logger LOG = Logger.getLogger(Journal.class.getName());
    private static final byte BATCH = 1;
    private static final byte CANCEL = 2;

    private final Path directory;
    private final Durability durability;
    private final Codec<T> codec;
    private final Object lock = new Object();
    private final Map<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private Segment active;
    private FileChannel channel;
    private long nextId;

    private Journal(Path directory, Durability durability, Codec<T> codec) {
        this.directory = directory;
        this.durability = durability;
        this.codec = codec;
    }

    /** Opens the journal of observations in {@code directory}: the segments found there wait for {@link #replay}. */
    public static Journal<Observation> open(Path directory, Durability durability) throws IOException {
        return open(directory, durability, OBSERVATIONS);
    }

    /** Opens a journal of {@code T} in {@code directory}: the segments found there wait for {@link #replay}. */
    public static <T> Journal<T> open(Path directory, Durability durability, Codec<T> codec) throws IOException {
        Files.createDirectories(directory);
        Journal<T> journal = new Journal<>(directory, durability, codec);
        long last = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("journal-\\d+\\.log")).toList()) {
                String name = file.getFileName().toString();
                long number = Long.parseLong(name.substring("journal-".length(), name.length() - 4));
                Segment segment = new Segment(number, file);
                segment.sealed = true;
                journal.segments.put(number, segment);
                last = Math.max(last, number);
            }
        }
        synchronized (journal.lock) {
            journal.startSegment(last + 1);
            journal.nextId = (last + 1) << 32; // unique across runs: cancels name batches of earlier segments
        }
        return journal;
    }

    /**
     * Hands every batch left from the last run, oldest first, to {@code offer} with the callback to run once it is
     * processed. Returns the number of items replayed.
     */
    public long replay(BiConsumer<List<T>, Runnable> offer) throws IOException {
        List<Segment> old = segments.values().stream().filter(s -> s.sealed).toList();
        Set<Long> cancelled = new HashSet<>();
        for (Segment segment : old) {
            read(segment, (type, id, batch) -> {
                if (type == CANCEL) {
                    cancelled.add(id);
                }
            });
        }
        long[] replayed = {0};
        for (Segment segment : old) {
            read(segment, (type, id, batch) -> {
                if (type == BATCH && !cancelled.contains(id)) {
                    segment.outstanding.incrementAndGet();
                    replayed[0] += batch.size();
                    offer.accept(batch, segment.outstanding::decrementAndGet);
                }
            });
        }
        return replayed[0];
    }

    /** Appends a batch; returns once it is as durable as {@link Durability} says. */
    public Entry append(List<T> batch) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * batch.size() + 16);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(batch.size());
        for (T item : batch) {
            codec.write(item, out);
        }
        synchronized (lock) {
            long id = nextId++;
            write(BATCH, id, bytes.toByteArray());
            if (durability == Durability.FSYNC) {
                channel.force(false);
            }
            active.entries++;
            active.outstanding.incrementAndGet();
            return new Entry(active, id);
        }
    }

    /** The batch went through detection and alerting. */
    public void processed(Entry entry) {
        entry.segment().outstanding.decrementAndGet();
    }

    /** The batch was refused after being written (the client retries it): it is not replayed. */
    public void cancel(Entry entry) throws IOException {
        synchronized (lock) {
            write(CANCEL, entry.id(), new byte[0]);
        }
        entry.segment().outstanding.decrementAndGet();
    }

    /**
     * Seals the active segment (when it holds anything) and deletes the sealed segments whose batches were all
     * processed, after {@code flushState} made their effects durable. Returns the number of segments deleted.
     */
    public int checkpoint(Runnable flushState) throws IOException {
        synchronized (lock) {
            if (active.entries > 0) {
                channel.close();
                active.sealed = true;
                startSegment(active.number + 1);
            }
        }
        List<Segment> done = new ArrayList<>();
        for (Segment segment : segments.values()) {
            if (segment.sealed && segment.outstanding.get() == 0) {
                done.add(segment);
            }
        }
        if (done.isEmpty()) {
            return 0;
        }
        flushState.run();
        for (Segment segment : done) {
            Files.deleteIfExists(segment.path);
            segments.remove(segment.number);
        }
        return done.size();
    }

    /** Segments on disk, the active one included (for tests and the metrics). */
    public int segmentCount() {
        return segments.size();
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            channel.close();
            if (active.entries == 0) {
                Files.deleteIfExists(active.path);
                segments.remove(active.number);
            }
        }
    }

    private void startSegment(long number) throws IOException {
        Path path = directory.resolve(String.format("journal-%019d.log", number));
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        active = new Segment(number, path);
        segments.put(number, active);
    }

    private void write(byte type, long id, byte[] body) throws IOException {
        ByteBuffer entry = ByteBuffer.allocate(8 + 9 + body.length);
        entry.putInt(9 + body.length).putInt(0).put(type).putLong(id).put(body).flip();
        CRC32 crc = new CRC32();
        crc.update(entry.array(), 8, 9 + body.length);
        entry.putInt(4, (int) crc.getValue());
        while (entry.hasRemaining()) {
            channel.write(entry);
        }
    }

    private interface EntryReader<T> {
        void entry(byte type, long id, List<T> batch) throws IOException;
    }

    private void read(Segment segment, EntryReader<T> reader) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(segment.path), 1 << 16))) {
            while (true) {
                int length;
                int crc;
                byte[] payload;
                try {
                    length = in.readInt();
                    crc = in.readInt();
                    if (length < 9 || length > 1 << 30) {
                        throw new EOFException("bad length " + length);
                    }
                    payload = new byte[length];
                    in.readFully(payload);
                } catch (EOFException e) {
                    return; // the end, or a torn last entry that was never acknowledged
                }
                CRC32 check = new CRC32();
                check.update(payload);
                if ((int) check.getValue() != crc) {
                    LOG.warning("journal " + segment.path + ": entry with a bad checksum, the rest of the file is "
                            + "skipped (a write torn by a crash)");
                    return;
                }
                DataInputStream entry = new DataInputStream(new ByteArrayInputStream(payload));
                byte type = entry.readByte();
                long id = entry.readLong();
                List<T> batch = List.of();
                if (type == BATCH) {
                    int n = entry.readInt();
                    batch = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        batch.add(codec.read(entry));
                    }
                }
                reader.entry(type, id, batch);
            }
        }
    }
}
