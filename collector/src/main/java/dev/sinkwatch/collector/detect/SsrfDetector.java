package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code net.ssrf}: destinations typical of server-side request forgery.
 *
 * <ul>
 *   <li>Cloud metadata endpoints — {@code 169.254.169.254} (AWS, Azure, GCP, OCI, ...), {@code fd00:ec2::254},
 *       {@code metadata.google.internal}, {@code 100.100.100.200} (Alibaba), {@code 169.254.170.2} (ECS), also
 *       written as an integer or IPv4-mapped IPv6 — CRITICAL from any call site, no baseline needed.</li>
 *   <li>Loopback, private (RFC 1918, CGNAT, ULA, internal-looking names such as {@code *.internal},
 *       {@code *.svc}, single-label names) or link-local destinations from a call site whose trusted
 *       destinations so far were all public — WARNING. Nothing when the call site has no trusted destination yet,
 *       or already went to internal ones.</li>
 * </ul>
 *
 * <p>Example: a call site that only ever connected to {@code api.stripe.com:443} now connects to
 * {@code 10.0.3.7:8080} → WARNING; any call site resolving {@code metadata.google.internal} → CRITICAL.
 */
final class SsrfDetector implements TargetRule {

    public Detector detector() {
        return Detector.NET_SSRF;
    }

    @Override
    public SinkKind kind() {
        return SinkKind.NET;
    }

    /** The most severe reading of a target (a bare IPv6 with a port is ambiguous: both readings are tried). */
    static NetAddresses.Kind classifyTarget(String target) {
        String host = NetAddresses.host(target);
        NetAddresses.Kind kind = NetAddresses.classify(host);
        int colons = (int) host.chars().filter(c -> c == ':').count();
        if (colons > 1 && !target.contains("[")) {
            NetAddresses.Kind withoutPort = NetAddresses.classify(host.substring(0, host.lastIndexOf(':')));
            if (withoutPort.ordinal() < kind.ordinal() && NetAddresses.ipv6(host.substring(0,
                    host.lastIndexOf(':'))) != null) {
                kind = withoutPort;
            }
        }
        return kind;
    }

    @Override
    public Finding evaluate(Observation o, DetectionContext ctx) {
        if (o.kind() != SinkKind.NET) {
            return null;
        }
        List<NetAddresses.Kind> readings = new ArrayList<>();
        readings.add(classifyTarget(o.target()));
        String address = o.attributes().get("server.address");
        if (address != null && !address.isBlank()) {
            readings.add(NetAddresses.classify(address));
        }
        NetAddresses.Kind kind = readings.stream().min(Enum::compareTo).orElseThrow();
        if (kind == NetAddresses.Kind.METADATA) {
            return Findings.of(detector(), Severity.CRITICAL, "Cloud metadata endpoint contacted (" + o.operation()
                            + " " + Findings.shorten(o.target()) + ") from " + o.callSite().id(), o, ctx.nowMillis(),
                    Findings.evidence("destination", "cloud metadata", "baseline", "day-0 rule, no baseline needed"));
        }
        if (!kind.internal() || ctx.trustedTarget()) {
            return null;
        }
        List<String> trusted = ctx.trusted();
        if (trusted.isEmpty()) {
            return null;
        }
        for (String t : trusted) {
            if (classifyTarget(t).internal()) {
                return null;
            }
        }
        return Findings.of(detector(), Severity.WARNING, kindLabel(kind) + " destination " + Findings.shorten(o.target())
                        + " from " + o.callSite().id() + ", which so far only went to public ones", o,
                ctx.nowMillis(), Findings.evidence("destination", kindLabel(kind).toLowerCase(java.util.Locale.ROOT),
                        "baseline", trusted.size() + " public destinations, e.g. " + Findings.shorten(trusted.get(0))));
    }

    private static String kindLabel(NetAddresses.Kind kind) {
        return switch (kind) {
            case LOOPBACK -> "Loopback";
            case LINK_LOCAL -> "Link-local";
            case PRIVATE -> "Private";
            default -> kind.name();
        };
    }
}
