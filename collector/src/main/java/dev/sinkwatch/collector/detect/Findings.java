package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Building findings the same way everywhere: fingerprint, evidence, timestamps. */
public final class Findings {

    /** Longest target text quoted in a summary line. */
    static final int SUMMARY_TARGET_CHARS = 160;

    private Findings() {
    }

    /**
     * The target fingerprint used for alert dedup and approvals: 16 hex digits of SHA-256 over kind, operation and
     * normalised target. Every detector uses the same fingerprint for the same target, so approving a target
     * approves it for every rule at that call site (alert identity still differs by detector).
     */
    public static String fingerprint(SinkKind kind, String operation, String target) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.wireName().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(target.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static Finding of(Detector detector, Severity severity, String summary, Observation o, long nowMillis,
                      Map<String, String> evidence) {
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("observed", o.operation() + " " + o.target());
        ev.putAll(evidence);
        long observed = o.endUnixMillis() > 0 ? o.endUnixMillis() : nowMillis;
        return new Finding(detector, severity, summary, o.service(), o.kind(), o.operation(), o.target(),
                fingerprint(o.kind(), o.operation(), o.target()), o.callSite(), ev, observed);
    }

    static String shorten(String s) {
        return s.length() <= SUMMARY_TARGET_CHARS ? s : s.substring(0, SUMMARY_TARGET_CHARS - 1) + "…";
    }

    static Map<String, String> evidence(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }
}
