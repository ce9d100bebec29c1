package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.callsite.AppClasses;
import dev.sinkwatch.agent.callsite.CallSiteRegistry;
import dev.sinkwatch.agent.callsite.StackCapture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When the recorder walks the stack: a walk on a deep framework stack costs tens to hundreds of microseconds, so
 * past a key's first sighting only the budget ({@code sinkwatch.stackwalks.per.second}) may pay for one.
 */
class RecorderWalkTest {

    private final CallSiteRegistry registry = new CallSiteRegistry();
    private final KeyTable keys = new KeyTable(100);
    private final ThreadState state = new ThreadState(false);

    private Recorder recorder(int walksPerSecond) {
        Recorder recorder = new Recorder(keys, registry,
                new StackCapture(AppClasses.of(List.of("com.example")), registry), walksPerSecond, false);
        recorder.register(new PathTargets(), Ops.FILE_READ / 10);
        return recorder;
    }

    private static void read(Recorder recorder, ThreadState state, String path) {
        recorder.record(state, Ops.FILE_READ, path, null, System.nanoTime(), null);
    }

    @Test
    void anUnmarkedCallOfAKnownTargetWalksOnlyWithinTheBudget() {
        Recorder recorder = recorder(0);
        for (int i = 0; i < 100; i++) {
            read(recorder, state, "/srv/data/a.txt");
        }
        assertEquals(1, recorder.stackWalks(), "the first sighting walks; with no budget, no later call does");
        assertEquals(1, keys.size());
    }

    @Test
    void aStaleMarkIsClearedByTheWalkThatFindsItGone() {
        Recorder recorder = recorder(0);
        // A marked call that threw leaves its mark behind; the next sink call on this thread comes from elsewhere.
        int gone = registry.register("com.example.Gone", "save", "Gone.java", 12);
        state.callSite = gone;
        read(recorder, state, "/srv/data/a.txt");
        assertEquals(CallSiteRegistry.NONE, state.callSite, "the walk found no frame of the marked call");
        long walks = recorder.stackWalks();
        for (int i = 0; i < 100; i++) {
            read(recorder, state, "/srv/data/a.txt");
        }
        assertEquals(walks, recorder.stackWalks(), "later calls reuse the walked call site instead of walking");
        assertEquals(1, keys.size());
    }
}
