package dev.sinkwatch.collector.alert;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sinkwatch.collector.journal.Journal;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Findings as the finding outbox journals them: one length-prefixed JSON document of the finding and its
 * attribution. JSON because a finding is small, rare next to observations, and its records map as they are.
 *
 * <p>Concurrency: stateless; the mapper is thread-safe once configured.
 */
final class FindingCodec implements Journal.Codec<FindingOutbox.Pending> {

    static final FindingCodec INSTANCE = new FindingCodec();
    private static final int MAX_BYTES = 1 << 24;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private FindingCodec() {
    }

    @Override
    public void write(FindingOutbox.Pending item, DataOutput out) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(item);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Override
    public FindingOutbox.Pending read(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("corrupt finding journal entry: " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return JSON.readValue(bytes, FindingOutbox.Pending.class);
    }
}
