package dev.sinkwatch.collector.detect;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.collector.profile.ProfileState;
import dev.sinkwatch.collector.profile.ProfileStore;
import dev.sinkwatch.collector.testing.InputBudget;
import java.time.Clock;
import java.util.List;

/**
 * Fuzzes every detector: any kind, operation, target and attributes, judged by each day-0 rule against a fuzzed
 * baseline and by the whole engine (novelty and statistics included). Nothing may throw, and each input must finish
 * within the per-input time budget ({@link InputBudget}). Inputs up to
 * libFuzzer's {@code -max_len}; the patterns' linearity on long inputs is proven exactly by
 * {@link LinearMatchingTest}.
 */
class DetectorsFuzzTest {

    private static final List<TargetRule> RULES = List.of(new SqlInjectionDetector(), new FileTraversalDetector(),
            new SsrfDetector(), new SuspiciousProcessDetector(), new ShellInjectionDetector(),
            new DeserializationGadgetDetector(), new JndiRemoteDetector());
    private static final String[] OPERATIONS = {"query", "update", "execute", "batch", "read", "write", "connect",
            "exec", "resolve", "lookup", "open"};
    private final DetectionEngine engine = new DetectionEngine(ProfileStore.inMemory(),
            DetectionSettings.builder().build(), Clock.systemUTC());

    DetectorsFuzzTest() {
        // Warm-up outside the budget: the first observation of each kind loads the rules' classes and patterns.
        for (SinkKind kind : SinkKind.values()) {
            engine.observe(Obs.of(kind, "query", "SELECT a FROM t WHERE b = ? OR ?=?").build());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void anyObservationIsJudgedQuickly(FuzzedDataProvider data) {
        SinkKind kind = data.pickValue(SinkKind.values());
        String operation = data.consumeBoolean() ? data.pickValue(OPERATIONS) : data.consumeString(16);
        List<String> trusted = List.of(data.consumeString(200), data.consumeString(200));
        ProfileState state = data.pickValue(ProfileState.values());
        Obs obs = Obs.of(kind, operation, data.consumeString(4000));
        if (data.consumeBoolean()) {
            obs.attr("server.address", data.consumeString(100));
        }
        if (data.consumeBoolean()) {
            obs.attr("file.path", data.consumeString(400)).attr("sinkwatch.path.traversal", "true");
        }
        if (data.consumeBoolean()) {
            obs.delta(data.consumeLong(0, 1_000_000), 0, 1_760_000_000_000L)
                    .buckets(data.consumeLong(0, 120), data.consumeLong(0, 1_000));
        }
        var observation = obs.build();
        DetectionContext context = DetectionContext.newTargetAt(state, trusted, 1);
        InputBudget.run("detection", () -> {
            for (TargetRule rule : RULES) {
                Finding f = rule.evaluate(observation, context);
                if (f != null && f.service() == null) {
                    throw new AssertionError(rule.getClass().getSimpleName() + " returned a finding without its service");
                }
            }
            engine.observe(observation);
        });
    }
}
