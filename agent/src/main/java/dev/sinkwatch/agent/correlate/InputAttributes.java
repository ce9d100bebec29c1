package dev.sinkwatch.agent.correlate;

import dev.sinkwatch.agent.bootstrap.SinkBridge;

import java.util.Map;

/**
 * The attributes a new key carries about the request it was first seen in (docs/agent-output.md). Names only, never
 * values: the input's raw text never leaves the JVM.
 */
public final class InputAttributes {
    /** {@code true}/{@code false}: the first call was made while serving a request (once requests are seen). */
    public static final String REQUEST = "sinkwatch.request";
    /** The rule an input broke: {@code sql.injection}, {@code shell.injection}, {@code file.traversal}, ... */
    public static final String RULE = "sinkwatch.input.rule";
    /** The input's source: {@code query}, {@code path}, {@code header}, {@code cookie}. */
    public static final String SOURCE = "sinkwatch.input.source";
    /** The input's source and name: {@code query.username}, {@code header.x-forwarded-for}. */
    public static final String NAME = "sinkwatch.input.name";
    /** Where the input lies in the raw target, {@code start-end} in characters. */
    public static final String SPAN = "sinkwatch.input.span";
    /** For {@code net.ssrf}: {@code loopback}, {@code private}, {@code link-local}, {@code metadata}. */
    public static final String DESTINATION_CLASS = "sinkwatch.destination.class";

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
            if (verdict.destinationClass() != null) {
                into.put(DESTINATION_CLASS, verdict.destinationClass());
            }
        }
    }
}
