package dev.sinkwatch.agent.export;

import dev.sinkwatch.agent.aggregate.KeyStats;

/**
 * Where the export thread sends records. Implementations are called from that one thread only and must not
 * block it for long (the OTLP sink batches and hands each batch to its sender thread; the console sink writes a
 * line).
 */
interface EventSink extends AutoCloseable {

    /** A key's first sighting: a {@code sinkwatch.sink.new} record. */
    void newKey(KeyStats key, Record record);

    /** A key's activity in one interval: a {@code sinkwatch.sink.delta} record. */
    void delta(KeyStats key, Record record);

    /** The agent's own health: a {@code sinkwatch.agent.status} record. */
    void status(Record record);

    /**
     * Sends on what was handed over since the last flush, without waiting for it to arrive (a sink may hold it a
     * little longer to batch it, as the OTLP sink does while a request is on its way). The export loop calls it
     * after every pass, at least every 200 ms; a closing sink sends what it holds itself.
     */
    default void flush() {
    }

    /** Records the sink failed to deliver so far (for {@code sinkwatch.export.dropped}). */
    long dropped();

    @Override
    void close();
}
