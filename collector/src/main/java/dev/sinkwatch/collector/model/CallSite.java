package dev.sinkwatch.collector.model;

import java.util.List;

/**
 * The application code behind a sink call, as the agent reported it.
 *
 * @param function   {@code code.function.name}: {@code com.acme.OrderRepository.find}
 * @param file       {@code code.file.path}: the source file name as the class file names it
 * @param line       {@code code.line.number}, 0 when unknown
 * @param frames     {@code sinkwatch.callsite.frames}, innermost first; empty on delta records
 * @param appOrigin  {@code sinkwatch.callsite.origin == "app"}
 */
public record CallSite(String function, String file, int line, List<String> frames, boolean appOrigin) {
    public CallSite {
        frames = frames == null ? List.of() : List.copyOf(frames);
    }

    /** The class part of {@link #function()}: everything before the last dot. */
    public String className() {
        int dot = function.lastIndexOf('.');
        return dot < 0 ? function : function.substring(0, dot);
    }

    /** {@code function:line}, the call site's identity in profiles and alerts. */
    public String id() {
        return function + ":" + line;
    }
}
