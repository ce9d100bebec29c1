package dev.sinkwatch.agent.sink.request;

import dev.sinkwatch.agent.aggregate.Recorder;
import dev.sinkwatch.agent.bootstrap.SinkBlockedException;
import dev.sinkwatch.agent.bootstrap.SinkGuard;
import dev.sinkwatch.agent.bootstrap.ThreadState;
import dev.sinkwatch.agent.correlate.InputCorrelator;
import dev.sinkwatch.agent.correlate.Verdict;

import java.util.Set;

/**
 * The guard behind {@code sinkwatch.block}: judges the call as the recorder would after it ({@link InputCorrelator})
 * and, for a verdict whose rule is listed, records the call as blocked and returns the exception the hook throws
 * before the sink runs. Any other call runs unchanged and is recorded as usual when it completes.
 *
 * <p>Stateless apart from the immutable rule set; thread-safe.
 */
public final class Blocker implements SinkGuard {
    private final Set<String> rules;
    private final Recorder recorder;

    public Blocker(Set<String> rules, Recorder recorder) {
        this.rules = Set.copyOf(rules);
        this.recorder = recorder;
    }

    @Override
    public RuntimeException check(ThreadState state, int operation, Object rawTarget, String rawText) {
        Verdict verdict = InputCorrelator.judge(operation, rawTarget, rawText, state.request);
        if (verdict == null || !rules.contains(verdict.rule())) {
            return null;
        }
        SinkBlockedException blocked = new SinkBlockedException(verdict.rule(), verdict.input());
        recorder.recordBlocked(state, operation, rawTarget, verdict.blocked(), blocked);
        return blocked;
    }
}
