package dev.sinkwatch.agent.export;

import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkEvents;
import dev.sinkwatch.agent.aggregate.KeyStats;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sinkwatch.exporter=console}: one JSON object a line per new key, for users to see what the agent sees
 * without a collector. Deltas and status are not written (they would drown the interesting lines).
 */
final class ConsoleSink implements EventSink {
    private final PrintStream out;
    private final boolean ownsStream;
    private final String service;

    ConsoleSink(String file, String service) throws IOException {
        this.service = service;
        if (file == null || file.isEmpty()) {
            this.out = System.err;
            this.ownsStream = false;
        } else {
            OutputStream stream = new FileOutputStream(file, true);
            this.out = new PrintStream(stream, true, StandardCharsets.UTF_8.name());
            this.ownsStream = true;
        }
    }

    @Override
    public void newKey(KeyStats key, Record record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", SinkEvents.SINK_NEW);
        line.put("service", service);
        line.put("key", record.string(SinkAttributes.KEY));
        line.put("kind", record.string(SinkAttributes.KIND));
        line.put("operation", record.string(SinkAttributes.OPERATION));
        line.put("target", record.string(SinkAttributes.TARGET));
        line.put("outcome", record.string(SinkAttributes.OUTCOME));
        Map<String, Object> callSite = new LinkedHashMap<>();
        String function = record.string(SinkAttributes.CODE_FUNCTION_NAME);
        int dot = function == null ? -1 : function.lastIndexOf('.');
        callSite.put("class", dot < 0 ? function : function.substring(0, dot));
        callSite.put("method", dot < 0 ? "" : function.substring(dot + 1));
        callSite.put("file", record.string(SinkAttributes.CODE_FILE_PATH));
        callSite.put("line", record.attributes.get(SinkAttributes.CODE_LINE_NUMBER));
        line.put("callSite", callSite);
        line.put("frames", record.strings(SinkAttributes.CALLSITE_FRAMES));
        line.put("attributes", record.attributes);
        StringBuilder sb = new StringBuilder(512);
        Json.value(sb, line);
        out.println(sb);
    }

    @Override
    public void delta(KeyStats key, Record record) {
    }

    @Override
    public void status(Record record) {
    }

    @Override
    public long dropped() {
        return out.checkError() ? 1 : 0;
    }

    @Override
    public void close() {
        out.flush();
        if (ownsStream) {
            out.close();
        }
    }
}
