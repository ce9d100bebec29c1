package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.contract.SinkKind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Observations for tests, built like the ingest decoder would build them. */
final class Obs {

    static final String SERVICE = "orders";
    static final String VERSION = "1.0.0";
    static final String SITE = "com.acme.OrderRepository.find";
    static final int LINE = 42;

    private ServiceId service = new ServiceId(SERVICE, VERSION);
    private String instance = "instance-1";
    private String function = SITE;
    private int line = LINE;
    private SinkKind kind;
    private String operation;
    private String target;
    private boolean first = true;
    private long count = 1;
    private long errors;
    private long[] buckets = new long[0];
    private final Map<String, String> attributes = new HashMap<>();
    private long start;
    private long end;

    private Obs(SinkKind kind, String operation, String target) {
        this.kind = kind;
        this.operation = operation;
        this.target = target;
    }

    static Obs of(SinkKind kind, String operation, String target) {
        return new Obs(kind, operation, target);
    }

    static Obs sql(String fingerprint) {
        return of(SinkKind.JDBC, "query", fingerprint);
    }

    static Obs file(String path) {
        return of(SinkKind.FILE, "read", path);
    }

    static Obs net(String target) {
        return of(SinkKind.NET, "connect", target);
    }

    static Obs process(String shape) {
        return of(SinkKind.PROCESS, "exec", shape);
    }

    static Obs deser(String className) {
        return of(SinkKind.DESERIALIZATION, "resolve", className);
    }

    static Obs jndi(String name) {
        return of(SinkKind.JNDI, "lookup", name);
    }

    Obs version(String v) {
        service = new ServiceId(service.name(), v);
        return this;
    }

    Obs service(String name) {
        service = new ServiceId(name, service.version());
        return this;
    }

    Obs site(String fn, int ln) {
        function = fn;
        line = ln;
        return this;
    }

    Obs attr(String k, String v) {
        attributes.put(k, v);
        return this;
    }

    /** A delta record of {@code count} calls over a 10 s interval ending at {@code endMillis}. */
    Obs delta(long count, long errors, long endMillis) {
        this.first = false;
        this.count = count;
        this.errors = errors;
        this.start = endMillis - 10_000;
        this.end = endMillis;
        return this;
    }

    /** Sparse latency buckets, pairs (index, count). */
    /** The agent instance (JVM) that sent it. */
    Obs instance(String id) {
        this.instance = id;
        return this;
    }

    Obs buckets(long... pairs) {
        this.buckets = pairs;
        return this;
    }

    Observation build() {
        return new Observation(service, instance, null, "k" + Integer.toHexString((function + line + kind
                + operation + target).hashCode()), kind, operation, target,
                new CallSite(function, function.substring(function.lastIndexOf('.') + 1) + ".java", line,
                        first ? List.of(function + "(X.java:" + line + ")") : List.of(), true),
                first, errors > 0, count, errors, 0, 0, buckets, attributes, start, end);
    }
}
