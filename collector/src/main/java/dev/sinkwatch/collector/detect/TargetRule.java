package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.contract.SinkKind;

/**
 * A detector that judges one observation's target: the day-0 rules (no baseline needed) and novelty. Pure: no I/O,
 * no clock, no state; everything it knows comes from the observation and the {@link DetectionContext}.
 */
interface TargetRule {

    /** The sink kind this rule looks at. */
    SinkKind kind();

    /** A finding, or null when the observation is fine by this rule. */
    Finding evaluate(Observation o, DetectionContext ctx);
}
