package dev.sinkwatch.agent.export;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;

/**
 * One record as the OTLP log marshaler reads it: an INFO log record whose body is the event's name, outside any
 * span. Made directly, not through the SDK's logger and batch processor, which the agent does not load.
 */
final class SinkLogRecord implements LogRecordData {
    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final long timestampNanos;
    private final long observedNanos;
    private final String body;
    private final Attributes attributes;

    SinkLogRecord(Resource resource, InstrumentationScopeInfo scope, long timestampNanos, long observedNanos,
                  String body, Attributes attributes) {
        this.resource = resource;
        this.scope = scope;
        this.timestampNanos = timestampNanos;
        this.observedNanos = observedNanos;
        this.body = body;
        this.attributes = attributes;
    }

    @Override
    public Resource getResource() {
        return resource;
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return scope;
    }

    @Override
    public long getTimestampEpochNanos() {
        return timestampNanos;
    }

    @Override
    public long getObservedTimestampEpochNanos() {
        return observedNanos;
    }

    @Override
    public SpanContext getSpanContext() {
        return SpanContext.getInvalid();
    }

    @Override
    public Severity getSeverity() {
        return Severity.INFO;
    }

    @Override
    public String getSeverityText() {
        return null;
    }

    @Override
    @Deprecated
    public Body getBody() {
        return Body.string(body);
    }

    @Override
    public Value<?> getBodyValue() {
        return Value.of(body);
    }

    @Override
    public Attributes getAttributes() {
        return attributes;
    }

    @Override
    public int getTotalAttributeCount() {
        return attributes.size();
    }
}
