package dev.sinkwatch.collector.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.contract.SinkKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private static Observation observation(String target) {
        return new Observation(new ServiceId("orders", "1.0"), "i-1", null, "k1", SinkKind.JDBC, "query", target,
                new CallSite("com.acme.A.b", "A.java", 3, List.of("com.acme.A.b(A.java:3)"), true), false, true, 10,
                1, 500, 90, new long[] {20, 3, 21, 7}, Map.of("db.system.name", "h2"), 1000, 2000);
    }

    private List<List<Observation>> replay(Journal<Observation> journal) throws IOException {
        List<List<Observation>> out = new ArrayList<>();
        journal.replay((batch, done) -> {
            out.add(batch);
            done.run();
        });
        return out;
    }

    @Test
    @DisplayName("batches come back exactly after a restart, cancelled ones not; processed segments are deleted")
    void replaysWhatWasNotForgotten() throws IOException {
        Journal<Observation> journal = Journal.open(dir, Journal.Durability.FSYNC);
        Journal.Entry kept = journal.append(List.of(observation("SELECT 1"), observation("SELECT 2")));
        Journal.Entry refused = journal.append(List.of(observation("SELECT 3")));
        journal.cancel(refused);
        // no close: as after kill -9
        Journal<Observation> reopened = Journal.open(dir, Journal.Durability.FSYNC);
        List<List<Observation>> batches = replay(reopened);
        assertEquals(1, batches.size());
        Observation o = batches.get(0).get(1);
        assertEquals(observation("SELECT 2").toString().replaceAll("\\[J@\\w+", ""),
                o.toString().replaceAll("\\[J@\\w+", ""));
        assertEquals(List.of(20L, 3L, 21L, 7L), java.util.Arrays.stream(o.durationBuckets()).boxed().toList());
        int[] flushed = {0};
        assertEquals(1, reopened.checkpoint(() -> flushed[0]++), "the replayed segment, processed, is deleted");
        assertEquals(1, flushed[0], "after the state was flushed");
        reopened.close();
        assertEquals(List.of(), replay(Journal.open(dir, Journal.Durability.OS)));
        assertEquals(kept.id() >>> 32, 1L);
    }

    @Test
    @DisplayName("a segment with unprocessed batches is kept; a failed flush deletes nothing")
    void keepsWhatIsNotDurableYet() throws IOException {
        Journal<Observation> journal = Journal.open(dir, Journal.Durability.OS);
        Journal.Entry entry = journal.append(List.of(observation("SELECT 1")));
        assertEquals(0, journal.checkpoint(() -> { }));
        journal.processed(entry);
        try {
            journal.checkpoint(() -> {
                throw new IllegalStateException("database down");
            });
        } catch (IllegalStateException expected) {
            // the checkpoint is retried later
        }
        assertEquals(1, replay(Journal.open(dir, Journal.Durability.OS)).size(), "still there after a failed flush");
    }

    @Test
    @DisplayName("a torn last entry (a crash mid-write, never acknowledged) ends the replay of its file")
    void tornWriteIsIgnored() throws IOException {
        Journal<Observation> journal = Journal.open(dir, Journal.Durability.FSYNC);
        journal.append(List.of(observation("SELECT 1")));
        Path file;
        try (var files = Files.list(dir)) {
            file = files.sorted().reduce((a, b) -> b).orElseThrow();
        }
        Files.write(file, new byte[] {0, 0, 1, 0, 9, 9}, StandardOpenOption.APPEND);
        assertEquals(1, replay(Journal.open(dir, Journal.Durability.FSYNC)).size());
    }
}
