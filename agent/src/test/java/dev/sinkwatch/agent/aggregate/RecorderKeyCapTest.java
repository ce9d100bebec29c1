package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.RequestInputs;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.callsite.AppClasses;
import dev.sinkwatch.agent.callsite.CallSiteRegistry;
import dev.sinkwatch.agent.callsite.StackCapture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Past {@code sinkwatch.keys.max}: calls without a key walk no stack, and a marked call from a call site that holds
 * no key does not even resolve its target; calls of known keys still count under their keys. (What this costs per
 * call is measured by bench's {@code KeyCapBenchmark}.)
 */
class RecorderKeyCapTest {

    private final CallSiteRegistry registry = new CallSiteRegistry();
    private final KeyTable keys = new KeyTable(2);
    private final Recorder recorder = new Recorder(keys, registry,
            new StackCapture(AppClasses.of(List.of("com.example")), registry), 1000, false);
    private final PathTargets resolver = new PathTargets();
    private final ThreadState state = new ThreadState(false);

    RecorderKeyCapTest() {
        recorder.register(resolver, Ops.FILE_READ / 10);
    }

    private void call(int callSite, String path) {
        state.callSite = callSite;
        recorder.record(state, Ops.FILE_READ, path, null, System.nanoTime(), null);
    }

    @Test
    void pastTheCapCallsWithoutAKeyWalkNoStackAndCountAsOverflow() {
        // Two unmarked calls fill the cap; their key's call site is the one their stack walk found.
        call(CallSiteRegistry.NONE, "/srv/a");
        call(CallSiteRegistry.NONE, "/srv/b");
        assertEquals(2, keys.size());
        int[] walkedSite = new int[1];
        keys.forEach(k -> walkedSite[0] = k.callSiteId());
        int known = walkedSite[0];
        int other = registry.register("com.example.Repo", "write", "Repo.java", 20);
        long walks = recorder.stackWalks();
        int resolvedBefore = resolver.resolved.get();

        for (int i = 0; i < 1000; i++) {
            call(other, "/srv/c");                       // a call site with no key: overflows unresolved
            call(known, "/srv/d");                       // a known call site, a new target: overflows, no walk
            call(CallSiteRegistry.NONE, "/srv/e");       // unmarked, never walked: overflows, no walk
            call(known, "/srv/a");                       // a known key: counted under it
            call(CallSiteRegistry.NONE, "/srv/a");       // unmarked, walked before: the memo finds its key
        }

        assertEquals(walks, recorder.stackWalks(), "no stack walk past the cap");
        assertEquals(3000, recorder.overflowCalls());
        assertEquals(resolvedBefore + 4000, resolver.resolved.get(), "the call site without a key resolved nothing");
        long[] drained = new long[KeyStats.CELLS];
        keys.get(Recorder.pack(known, Ops.FILE_READ, resolver.table.intern("/srv/a").id)).drain(drained);
        assertEquals(2001, KeyStats.count(drained));
    }

    @Test
    void aFloodOfKeysDoesNotHideAnInputCorrelatedCallPastTheCap() throws InterruptedException {
        RequestInputs request = new RequestInputs();
        request.add("query", "file", "../../etc/passwd");
        state.request = request;
        int flooder = registry.register("com.example.Files", "read", "Files.java", 10);
        for (int i = 0; i < 100; i++) {
            call(flooder, "/srv/upload/" + i + ".txt"); // distinct keys until the cap, then overflow
        }
        assertTrue(keys.full());
        int attacked = registry.register("com.example.Download", "read", "Download.java", 30);
        call(attacked, "/srv/files/../../etc/passwd");
        KeyStats correlated = null;
        for (KeyStats k; (k = recorder.pollNewKey(0)) != null; ) {
            if ("file.traversal".equals(k.attributes().get("sinkwatch.input.rule"))) {
                correlated = k;
            }
        }
        assertTrue(correlated != null, "the injection past the cap has a key of its own, exported as new");
        assertEquals("query.file", correlated.attributes().get("sinkwatch.input.name"));

        // The reserve is bounded too: a flood of correlated calls ends in overflow.
        for (int i = 0; i < 500; i++) {
            call(attacked, "/srv/files/" + i + "/../../etc/passwd");
        }
        assertTrue(keys.size() <= 2 + KeyTable.INPUT_RESERVE + Ops.MAX + 1, "keys: " + keys.size());
    }
}
