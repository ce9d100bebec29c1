package dev.sinkwatch.collector.journal;

import dev.sinkwatch.collector.model.CallSite;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.ServiceId;
import dev.sinkwatch.contract.SinkKind;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observations as the journal stores them: a compact binary form (length-prefixed UTF-8 strings, -1 for null),
 * version {@value #VERSION}. Private to the journal: written and read by the same collector version, or the
 * journal is replayed before an upgrade (docs/collector.md, "Durability").
 */
final class ObservationCodec {

    static final int VERSION = 1;

    private ObservationCodec() {
    }

    static void write(Observation o, DataOutput out) throws IOException {
        string(o.service().name(), out);
        string(o.service().version(), out);
        string(o.instanceId(), out);
        string(o.revision(), out);
        string(o.key(), out);
        string(o.kind().wireName(), out);
        string(o.operation(), out);
        string(o.target(), out);
        CallSite site = o.callSite();
        string(site.function(), out);
        string(site.file(), out);
        out.writeInt(site.line());
        out.writeInt(site.frames().size());
        for (String frame : site.frames()) {
            string(frame, out);
        }
        out.writeBoolean(site.appOrigin());
        out.writeBoolean(o.firstSighting());
        out.writeBoolean(o.error());
        out.writeLong(o.count());
        out.writeLong(o.errors());
        out.writeLong(o.durationSumNanos());
        out.writeLong(o.durationMaxNanos());
        out.writeInt(o.durationBuckets().length);
        for (long b : o.durationBuckets()) {
            out.writeLong(b);
        }
        out.writeInt(o.attributes().size());
        for (Map.Entry<String, String> e : o.attributes().entrySet()) {
            string(e.getKey(), out);
            string(e.getValue(), out);
        }
        out.writeLong(o.startUnixMillis());
        out.writeLong(o.endUnixMillis());
    }

    static Observation read(DataInput in) throws IOException {
        ServiceId service = new ServiceId(string(in), string(in));
        String instance = string(in);
        String revision = string(in);
        String key = string(in);
        SinkKind kind = SinkKind.fromWireName(string(in));
        String operation = string(in);
        String target = string(in);
        String function = string(in);
        String file = string(in);
        int line = in.readInt();
        int frameCount = count(in);
        List<String> frames = new ArrayList<>(frameCount);
        for (int i = 0; i < frameCount; i++) {
            frames.add(string(in));
        }
        CallSite site = new CallSite(function, file, line, frames, in.readBoolean());
        boolean first = in.readBoolean();
        boolean error = in.readBoolean();
        long count = in.readLong();
        long errors = in.readLong();
        long sum = in.readLong();
        long max = in.readLong();
        long[] buckets = new long[count(in)];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = in.readLong();
        }
        int attributeCount = count(in);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < attributeCount; i++) {
            attributes.put(string(in), string(in));
        }
        return new Observation(service, instance, revision, key, kind, operation, target, site, first, error, count,
                errors, sum, max, buckets, attributes, in.readLong(), in.readLong());
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IOException("corrupt journal entry: count " + n);
        }
        return n;
    }

    private static void string(String s, DataOutput out) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String string(DataInput in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > 1 << 24) {
            throw new IOException("corrupt journal entry: string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
