package dev.sinkwatch.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.collector.store.Database;
import dev.sinkwatch.contract.SinkKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames written to the embedded store are there for the next {@link CallSiteFrames} on it (a restart). */
class CallSiteFramesTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("frames of a first sighting, flushed, are given to a delta by the next instance on the same store")
    void framesOutliveTheInstance() {
        List<String> frames = List.of("com.acme.A.run(A.java:3)", "com.acme.Main.main(Main.java:9)");
        try (Database db = Database.embedded(dir)) {
            try (CallSiteFrames first = new CallSiteFrames(10, db, Duration.ofHours(1))) {
                first.complete(observation(frames, true));
                first.flush();
                first.complete(observation(List.of("com.acme.A.run(A.java:3)"), true)); // changed: saved at close
            }
            try (CallSiteFrames restarted = new CallSiteFrames(10, db, Duration.ofHours(1))) {
                assertEquals(List.of("com.acme.A.run(A.java:3)"),
                        restarted.complete(observation(List.of(), false)).callSite().frames());
            }
        }
    }

    private static Observation observation(List<String> frames, boolean first) {
        return new Observation(new ServiceId("s", "1"), "i", null, "k", SinkKind.FILE, "read", "/x",
                new CallSite("com.acme.A.run", "A.java", 3, frames, true), first, false, 1, 0, 0, 0, null, Map.of(),
                0, 0);
    }
}
