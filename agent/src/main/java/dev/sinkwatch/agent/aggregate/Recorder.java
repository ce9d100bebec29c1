package dev.sinkwatch.agent.aggregate;

import dev.sinkwatch.contract.OverflowMarkers;
import dev.sinkwatch.agent.bootstrap.Ops;
import dev.sinkwatch.agent.bootstrap.RequestInputs;
import dev.sinkwatch.agent.correlate.BodyDeserialization;
import dev.sinkwatch.agent.correlate.EnvironmentInputs;
import dev.sinkwatch.agent.correlate.InputAttributes;
import dev.sinkwatch.agent.correlate.InputCorrelator;
import dev.sinkwatch.agent.correlate.Verdict;
import dev.sinkwatch.agent.bootstrap.SinkBlockedException;
import dev.sinkwatch.agent.bootstrap.SinkRecorder;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.callsite.CallSite;
import dev.sinkwatch.agent.callsite.CallSiteRegistry;
import dev.sinkwatch.agent.callsite.StackCapture;
import dev.sinkwatch.agent.normalize.PersonalData;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Aggregates sink calls per key (call site, operation, target) and queues first sightings for export.
 *
 * <p>Hot path, for a call from woven application code to a known key: resolve the target (a cache hit), pack
 * {@code (call site, operation, target)} into a long, one {@link KeyTable} probe, four atomic adds. No stack walk,
 * no allocation.
 *
 * <p>Slow path, for a new key: a stack walk names the application frames and checks the woven mark (a stale mark
 * left by an exception is replaced by the walked call site, and cleared), then the key's stats are published and
 * queued for a {@code sinkwatch.sink.new} record. Calls that no woven mark explains (library and framework
 * threads, an application's Spring Data repositories) are keyed by walking too, within a budget of
 * {@code sinkwatch.stackwalks.per.second}; past it they reuse the call site last walked for the same operation and
 * target.
 *
 * <p>Past the cap ({@code sinkwatch.keys.max}), a call costs no more than a known key's call: a marked call from a
 * call site and operation that holds no key overflows before its target is even resolved (one bit per hashed call
 * site and operation says whether it holds any); other calls without a key overflow without a stack walk, and the
 * overflow key of each operation is made once. A call on a thread serving a request is judged against the request's
 * inputs first, and one an input reached takes a key from the reserve past the cap ({@link KeyTable#INPUT_RESERVE}):
 * a flood of keys must not hide the injection that follows it.
 *
 * <p>Concurrency: all methods are called concurrently from application threads; state is in concurrent tables.
 */
public final class Recorder implements SinkRecorder {

    private final TargetResolver[] resolvers = new TargetResolver[Ops.MAX + 1];
    private final KeyTable keys;
    private final CallSiteRegistry callSites;
    private final StackCapture stackCapture;
    private final ArrayBlockingQueue<KeyStats> newKeys = new ArrayBlockingQueue<>(4096);
    private final WalkBudget walkBudget;
    private final boolean captureRaw;
    /** Last walked call site per (operation, target), for unmarked calls past the walk budget. */
    private static final int UNMARKED_MEMO_SIZE = 4096;
    private static final long CALL_SITE_MASK = (1L << 28) - 1;
    private final AtomicLongArray unmarkedSites = new AtomicLongArray(UNMARKED_MEMO_SIZE);

    /**
     * One bit per hashed (call site, operation) that holds a key: past the cap, a marked call whose bit is clear
     * overflows at once. Bits are only ever set, when a key is made, so a clear bit is never wrong.
     */
    private static final int SITE_BITS_LOG2 = 16;
    private final AtomicLongArray sitesWithKeys = new AtomicLongArray((1 << SITE_BITS_LOG2) / 64);
    /** The overflow key of each operation, once made: the cap's path allocates nothing. */
    private final AtomicReferenceArray<KeyStats> overflowKeys = new AtomicReferenceArray<>(Ops.MAX + 1);

    private final AtomicLong overflowCalls = new AtomicLong();
    private final AtomicLong newKeysDropped = new AtomicLong();
    private final AtomicLong stackWalks = new AtomicLong();
    /** Calls per kind (tens digit of the operation), summed by the export thread from drained deltas. */
    private final AtomicLongArray callsByKind = new AtomicLongArray(ThreadState.KINDS);

    public Recorder(KeyTable keys, CallSiteRegistry callSites, StackCapture stackCapture, int walksPerSecond,
                    boolean captureRaw) {
        this.keys = keys;
        this.callSites = callSites;
        this.stackCapture = stackCapture;
        this.walkBudget = new WalkBudget(walksPerSecond);
        this.captureRaw = captureRaw;
    }

    /** Registers the resolver of a kind for all of that kind's operations (those with its tens digit). */
    public void register(TargetResolver resolver, int kindDigit) {
        for (int op = kindDigit * 10; op < kindDigit * 10 + 10 && op <= Ops.MAX; op++) {
            resolvers[op] = resolver;
        }
    }

    /** Set in a key's operation bits (operations are below 128) for calls a request input reached. */
    static final int INPUT_CORRELATED = 128;

    static long pack(int callSite, int operation, int target) {
        return ((long) target << 36) | ((long) operation << 28) | callSite;
    }

    @Override
    public void record(ThreadState state, int operation, Object rawTarget, Object context, long startNanos,
                       Throwable error) {
        if (error instanceof SinkBlockedException) {
            return; // recorded by the guard, which stopped the call before the sink ran
        }
        long durationNanos = System.nanoTime() - startNanos;
        TargetResolver resolver = operation > 0 && operation <= Ops.MAX ? resolvers[operation] : null;
        if (resolver == null) {
            return;
        }
        // Judged first, once: a probe is kept only with a verdict, and a call an input reached is kept past the cap.
        RequestInputs request = state.request; // null on threads that serve no request: nothing more to do
        Verdict verdict = request == null ? null : judge(state, operation, resolver, rawTarget, context, request);
        if (operation == Ops.FILE_PROBE && verdict == null) {
            return; // probes are kept only where a request input reaches them: the rest is every class load
        }
        int mark = state.callSite;
        if (verdict == null && mark != CallSiteRegistry.NONE && keys.full() && !hasKeys(mark, operation)) {
            // Past the cap, a call site and operation without a key can only overflow: before any other work.
            overflowKey(operation, resolver).record(durationNanos, error != null);
            return;
        }
        Target target = resolver.resolve(operation, rawTarget, context, state);
        if (target == null) {
            return;
        }
        recordJudged(state, operation, resolver, target, verdict, rawTarget, context, durationNanos, error);
    }

    /** Whether, and how, one of the request's inputs reached this call's target. */
    private static Verdict judge(ThreadState state, int operation, TargetResolver resolver, Object rawTarget,
                                 Object context, RequestInputs request) {
        if (operation == Ops.DESERIALIZATION_RESOLVE) {
            return BodyDeserialization.judge(context, request);
        }
        boolean process = operation / 10 == Ops.PROCESS_EXEC / 10;
        Verdict verdict = InputCorrelator.judge(operation, rawTarget,
                process ? null : resolver.raw(state, rawTarget, context), request);
        if (verdict == null && operation == Ops.PROCESS_EXEC && context instanceof Map) {
            verdict = EnvironmentInputs.judge(environment(context), request);
        }
        return verdict;
    }

    /**
     * A call {@code sinkwatch.block} stopped before its sink ran: counted under the key of its input-correlated
     * calls, failed with the {@code SecurityException} the application receives, its verdict marked blocked.
     */
    public void recordBlocked(ThreadState state, int operation, Object rawTarget, Verdict verdict, Throwable error) {
        TargetResolver resolver = operation > 0 && operation <= Ops.MAX ? resolvers[operation] : null;
        Target target = resolver == null ? null : resolver.resolve(operation, rawTarget, null, state);
        if (target != null) {
            recordJudged(state, operation, resolver, target, verdict, rawTarget, null, 0, error);
        }
    }

    private void recordJudged(ThreadState state, int operation, TargetResolver resolver, Target target,
                              Verdict verdict, Object rawTarget, Object context, long durationNanos, Throwable error) {
        // A call an input reached has its own key, so its first sighting is exported.
        int keyOperation = verdict == null ? operation : operation | INPUT_CORRELATED;
        int mark = state.callSite;
        if (mark != CallSiteRegistry.NONE) {
            KeyStats stats = keys.get(pack(mark, keyOperation, target.id));
            if (stats != null) {
                stats.record(durationNanos, error != null);
                return;
            }
        }
        slowPath(state, mark, operation, keyOperation, verdict, target, resolver, rawTarget, context,
                durationNanos, error);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Object context) {
        return (Map<String, String>) context;
    }

    private void slowPath(ThreadState state, int mark, int operation, int keyOperation, Verdict verdict,
                          Target target, TargetResolver resolver, Object rawTarget, Object context,
                          long durationNanos, Throwable error) {
        if (verdict == null ? keys.full() : keys.fullForInputs()) {
            overflowPastCap(mark, keyOperation, operation, target, resolver, durationNanos, error);
            return;
        }
        int callSite;
        StackCapture.Result walked = null;
        if (mark != CallSiteRegistry.NONE) {
            walked = walk();
            if (walked.contains(mark)) {
                callSite = mark;
            } else {
                // Stale (left by a marked call that threw), or beyond the frames a walk looks at: cleared, or every
                // later call of this thread would walk; the walked call site is remembered as an unmarked call's is.
                callSite = walked.callSiteId;
                state.callSite = CallSiteRegistry.NONE;
                rememberWalked(callSite, keyOperation, target);
            }
        } else {
            // Direct-mapped memo: slot by (operation, target); the slot holds the whole packed key, so one
            // atomic long says both which (operation, target) it is for and which call site was last walked.
            long opAndTarget = pack(0, keyOperation, target.id);
            int slot = memoSlot(opAndTarget);
            long memo = unmarkedSites.get(slot);
            boolean known = memo != 0 && (memo & ~CALL_SITE_MASK) == opAndTarget;
            if (!known || walkBudget.tryAcquire()) {
                walked = walk();
                callSite = walked.callSiteId;
                rememberWalked(callSite, keyOperation, target);
            } else {
                callSite = (int) (memo & CALL_SITE_MASK);
            }
        }
        long packed = pack(callSite, keyOperation, target.id);
        KeyStats stats = keys.get(packed);
        if (stats == null) {
            if (walked == null) {
                walked = walk();
            }
            stats = newKey(state, packed, callSite, operation, verdict, target, resolver, rawTarget, context,
                    durationNanos, error, walked);
        }
        if (stats != null) { // null only when a key slot was claimed by a thread that never filled it
            stats.record(durationNanos, error != null);
        }
    }

    /**
     * A call with no key while the table is full: no new key can be made, so it walks no stack and allocates
     * nothing. A marked call overflows; an unmarked one still finds its key when the memo names the call site it was
     * last walked at, and overflows otherwise.
     */
    private void overflowPastCap(int mark, int keyOperation, int operation, Target target, TargetResolver resolver,
                                 long durationNanos, Throwable error) {
        KeyStats stats = null;
        if (mark == CallSiteRegistry.NONE) {
            long opAndTarget = pack(0, keyOperation, target.id);
            long memo = unmarkedSites.get(memoSlot(opAndTarget));
            if (memo != 0 && (memo & ~CALL_SITE_MASK) == opAndTarget) {
                stats = keys.get(memo);
            }
        }
        if (stats == null) {
            stats = overflowKey(operation, resolver);
        }
        stats.record(durationNanos, error != null);
    }

    /** The call site a walk found for this operation and target, for the unmarked calls the budget does not walk. */
    private void rememberWalked(int callSite, int keyOperation, Target target) {
        unmarkedSites.set(memoSlot(pack(0, keyOperation, target.id)), pack(callSite, keyOperation, target.id));
    }

    private static int memoSlot(long opAndTarget) {
        return (int) ((opAndTarget * 0x9E3779B97F4A7C15L) >>> 40) & (UNMARKED_MEMO_SIZE - 1);
    }

    /** Whether a key was made for this call site and operation (or one sharing its bit: then a lookup decides). */
    private boolean hasKeys(int callSite, int operation) {
        int bit = siteBit(callSite, operation);
        return (sitesWithKeys.get(bit >>> 6) & (1L << bit)) != 0;
    }

    private void markHasKeys(int callSite, int operation) {
        int bit = siteBit(callSite, operation);
        long word;
        do {
            word = sitesWithKeys.get(bit >>> 6);
        } while ((word & (1L << bit)) == 0 && !sitesWithKeys.compareAndSet(bit >>> 6, word, word | (1L << bit)));
    }

    private static int siteBit(int callSite, int operation) {
        long h = (((long) callSite << 7) | operation) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> (64 - SITE_BITS_LOG2));
    }

    private StackCapture.Result walk() {
        stackWalks.incrementAndGet();
        return stackCapture.capture();
    }

    private KeyStats newKey(ThreadState state, long packed, int callSite, int operation, Verdict verdict,
                            Target target, TargetResolver resolver, Object rawTarget, Object context,
                            long durationNanos, Throwable error, StackCapture.Result walked) {
        CallSite site = callSites.get(callSite);
        Map<String, Object> attributes = new LinkedHashMap<>();
        resolver.attributes(state, operation, target, rawTarget, context, attributes);
        InputAttributes.put(state.request != null, verdict, attributes);
        KeyStats.FirstCall first = new KeyStats.FirstCall(System.currentTimeMillis(), durationNanos,
                error == null ? null : error.getClass().getName(),
                PersonalData.foldThreadName(Thread.currentThread().getName()),
                captureRaw ? resolver.raw(state, rawTarget, context) : null);
        String keyId = keyId(site, resolver.kind(), operation, target, verdict != null);
        KeyStats fresh = new KeyStats(packed, keyId, operation, target,
                callSite, walked.appOrigin, walked.frames, attributes, first);
        KeyStats held = verdict == null ? keys.putIfAbsent(fresh, false) : keys.putInputCorrelated(fresh);
        if (held == null) {
            return overflowKey(operation, resolver);
        }
        if (held == fresh) {
            markHasKeys(callSite, operation);
            if (!newKeys.offer(fresh)) {
                newKeysDropped.incrementAndGet();
            }
        }
        return held;
    }

    private KeyStats overflowKey(int operation, TargetResolver resolver) {
        overflowCalls.incrementAndGet();
        KeyStats known = overflowKeys.get(operation);
        if (known != null) {
            return known;
        }
        Target overflowTarget = OVERFLOW_TARGETS.intern(OverflowMarkers.TARGET);
        long packed = pack(CallSiteRegistry.OVERFLOW, operation, overflowTarget.id);
        KeyStats stats = keys.get(packed);
        if (stats == null) {
            KeyStats fresh = new KeyStats(packed, keyId(callSites.get(CallSiteRegistry.OVERFLOW), resolver.kind(),
                    operation, overflowTarget), operation, overflowTarget, CallSiteRegistry.OVERFLOW, false,
                    java.util.Collections.<String>emptyList(), new LinkedHashMap<String, Object>(),
                    new KeyStats.FirstCall(System.currentTimeMillis(), 0, null, "", null));
            stats = keys.putIfAbsent(fresh, true);
            if (stats == fresh) {
                newKeys.offer(fresh);
            }
        }
        overflowKeys.set(operation, stats);
        return stats;
    }

    private static final TargetTable OVERFLOW_TARGETS = new TargetTable(TargetTable.OVERFLOW_KIND, 1);

    static String keyId(CallSite site, String kind, int operation, Target target) {
        return keyId(site, kind, operation, target, false);
    }

    /**
     * The stable key id of docs/agent-output.md: FNV-1a 64 of class#method:line|kind|operation|target, with
     * {@code |input} appended for the key of calls a request input reached.
     */
    static String keyId(CallSite site, String kind, int operation, Target target, boolean inputCorrelated) {
        String text = (site == null ? "?" : site.className() + "#" + site.methodName() + ":" + site.line())
                + "|" + kind + "|" + OperationNames.of(operation) + "|" + target.text()
                + (inputCorrelated ? "|input" : "");
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x100000001b3L;
        }
        String hex = Long.toHexString(hash);
        return "0000000000000000".substring(hex.length()) + hex;
    }

    /** Waits up to {@code timeoutMillis} for the next new key; null if none. Export thread only. */
    public KeyStats pollNewKey(long timeoutMillis) throws InterruptedException {
        return newKeys.poll(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public KeyTable keys() {
        return keys;
    }

    public CallSiteRegistry callSites() {
        return callSites;
    }

    public long overflowCalls() {
        return overflowCalls.get();
    }

    public long newKeysDropped() {
        return newKeysDropped.get();
    }

    public long stackWalks() {
        return stackWalks.get();
    }

    /** Calls recorded so far for a kind, by the tens digit of its operations, as of the last drain. */
    public long calls(int kindDigit) {
        return callsByKind.get(kindDigit);
    }

    /** Export thread: adds a drained interval's calls to the per-kind totals (kept off the hot path). */
    public void countDrained(int operation, long calls) {
        callsByKind.getAndAdd(operation / 10, calls);
    }
}
