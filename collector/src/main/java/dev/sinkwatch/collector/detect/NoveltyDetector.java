package dev.sinkwatch.collector.detect;

import dev.sinkwatch.contract.SinkOperation;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.collector.profile.ProfileState;

import java.util.List;

/**
 * {@code novelty.<kind>} ({@code novelty.jdbc}, {@code novelty.file}, {@code novelty.net}, {@code novelty.process},
 * {@code novelty.deserialization}, {@code novelty.jndi}, {@code novelty.ldap},
 * {@code novelty.xpath}): a target a STABLE call site had never touched.
 *
 * <ul>
 *   <li>WARNING while the target is novel: first seen while STABLE and not approved. It keeps being reported on
 *       each sighting (the alert layer counts them) until a person approves it.</li>
 *   <li>INFO for a new target during a version grace window: it joins the baseline at once, so it is reported
 *       only the first time.</li>
 *   <li>Nothing while LEARNING (new targets are the baseline being learned) or UNSTABLE.</li>
 *   <li>Nothing for library work outside any request, nor for a class loader reading a class file
 *       ({@code DayZeroPolicy.learnedSilently}): their new targets join the baseline as they are seen (a
 *       container's timer listing a directory, a code path loading its classes, is not the application changing).</li>
 * </ul>
 *
 * <p>The context this rule gets is taken <em>after</em> the target was recorded, so {@code state} already reflects
 * a profile this very target tipped into UNSTABLE.
 *
 * <p>Example: the stable call site {@code com.acme.OrderRepository.find:42} knew {@code SELECT * FROM orders WHERE
 * id = ?}; it now runs {@code SELECT * FROM users} → WARNING "New SQL shape at stable call site".
 */
final class NoveltyDetector implements TargetRule {

    private final SinkKind kind;
    private final String name;

    NoveltyDetector(SinkKind kind) {
        this.kind = kind;
        this.name = "novelty." + kind.wireName();
    }

    /** One per sink kind. */
    static List<NoveltyDetector> all() {
        return java.util.Arrays.stream(SinkKind.values()).map(NoveltyDetector::new).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkKind kind() {
        return kind;
    }

    static String what(SinkKind kind, String operation) {
        return switch (kind) {
            case JDBC -> SinkOperation.JDBC_CONNECT.wireName().equals(operation) ? "database" : "SQL shape";
            case FILE -> "file path";
            case NET -> "destination";
            case PROCESS -> "command";
            case DESERIALIZATION -> "deserialized class";
            case JNDI -> "JNDI name";
            case LDAP -> "LDAP filter";
            case XPATH -> "XPath expression";
        };
    }

    @Override
    public Finding evaluate(Observation o, DetectionContext ctx) {
        if (o.kind() != kind || ctx.state() != ProfileState.STABLE) {
            return null;
        }
        Severity severity;
        if (ctx.novelTarget()) {
            severity = Severity.WARNING;
        } else if (ctx.inGrace() && ctx.newTarget()) {
            severity = Severity.INFO;
        } else {
            return null;
        }
        List<String> trusted = ctx.trusted();
        String examples = trusted.isEmpty() ? "none" : String.join(" | ", trusted.subList(0, Math.min(3,
                trusted.size())));
        String summary = "New " + what(kind, o.operation()) + " at stable call site " + o.callSite().id()
                + (severity == Severity.INFO ? " (new version, grace window)" : "") + ": "
                + Findings.shorten(o.operation() + " " + o.target());
        return Findings.of(name, severity, summary, o, ctx.nowMillis(), Findings.evidence(
                "baseline", trusted.size() + " known targets: " + Findings.shorten(examples),
                "grace", String.valueOf(ctx.inGrace())));
    }
}
