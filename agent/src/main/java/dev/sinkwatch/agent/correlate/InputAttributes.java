package dev.sinkwatch.agent.correlate;

import dev.sinkwatch.agent.bootstrap.SinkBridge;
import dev.sinkwatch.contract.SinkAttributes;

import java.util.Map;

/**
 * The attributes a new key carries about the request it was first seen in (docs/agent-output.md). Names only, never
 * values: the input's raw text never leaves the JVM.
 */
public final class InputAttributes {
    public static final String REQUEST = SinkAttributes.REQUEST;
    public static final String RULE = SinkAttributes.INPUT_RULE;
    public static final String SOURCE = SinkAttributes.INPUT_SOURCE;
    public static final String NAME = SinkAttributes.INPUT_NAME;
    public static final String SPAN = SinkAttributes.INPUT_SPAN;
    public static final String DESTINATION_CLASS = SinkAttributes.DESTINATION_CLASS;

    private InputAttributes() {
    }

    /** Adds the request attributes of a new key's first call. */
    public static void put(boolean inRequest, Verdict verdict, Map<String, Object> into) {
        if (SinkBridge.requestsSeen()) {
            into.put(REQUEST, String.valueOf(inRequest));
        }
        if (verdict != null) {
            into.put(RULE, verdict.rule());
            into.put(SOURCE, verdict.input().substring(0, verdict.input().indexOf('.')));
            into.put(NAME, verdict.input());
            into.put(SPAN, verdict.spanStart() + "-" + verdict.spanEnd());
            if (verdict.isBlocked()) {
                into.put(SinkAttributes.INPUT_BLOCKED, "true");
            }
            if (verdict.destinationClass() != null) {
                into.put(DESTINATION_CLASS, verdict.destinationClass());
            }
        }
    }
}
