package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;

import java.util.Map;

/**
 * {@code input.<rule>} ({@code input.sql.injection}, {@code input.shell.injection}, {@code input.file.traversal},
 * {@code input.net.ssrf}, {@code input.jndi.injection}, {@code input.ldap.injection},
 * {@code input.xpath.injection}): the agent found a request input in the sink's target where
 * it changes the target's structure (docs/agent-output.md, {@code sinkwatch.input.*}). CRITICAL at any call site,
 * learning or stable, new or known: the evidence is the request itself, not the baseline.
 *
 * <p>Example: {@code query.username} spans {@code 34-46} of {@code SELECT * FROM users WHERE name = ? OR ?=?} at
 * {@code com.acme.Users.find:42} → CRITICAL "SQL injection from query.username at com.acme.Users.find:42". A call
 * the agent stopped before the sink ran ({@code sinkwatch.input.blocked=true}) reads "Blocked SQL injection ..." and
 * its evidence has {@code blocked=true}: still critical, since someone tried.
 */
final class InputInjectionDetector implements TargetRule {

    static final String RULE = SinkAttributes.INPUT_RULE;
    static final String NAME = SinkAttributes.INPUT_NAME;
    static final String SOURCE = SinkAttributes.INPUT_SOURCE;
    static final String SPAN = SinkAttributes.INPUT_SPAN;
    static final String DESTINATION_CLASS = SinkAttributes.DESTINATION_CLASS;
    static final String BLOCKED = SinkAttributes.INPUT_BLOCKED;

    private static final Map<String, String> LABELS = Map.of(
            SinkAttributes.RULE_SQL_INJECTION, "SQL injection",
            SinkAttributes.RULE_SHELL_INJECTION, "Command injection",
            SinkAttributes.RULE_FILE_TRAVERSAL, "Path traversal", SinkAttributes.RULE_NET_SSRF, "SSRF",
            SinkAttributes.RULE_JNDI_INJECTION, "JNDI injection", SinkAttributes.RULE_LDAP_INJECTION, "LDAP injection",
            SinkAttributes.RULE_XPATH_INJECTION, "XPath injection",
            SinkAttributes.RULE_DESERIALIZATION_BODY, "Deserialization of the request body");

    private final SinkKind kind;

    InputInjectionDetector(SinkKind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return "input";
    }

    @Override
    public SinkKind kind() {
        return kind;
    }

    @Override
    public Finding evaluate(Observation o, DetectionContext ctx) {
        String rule = o.attributes().get(RULE);
        String input = o.attributes().get(NAME);
        if (rule == null || input == null || rule.isBlank()) {
            return null;
        }
        String destination = o.attributes().get(DESTINATION_CLASS);
        String label = LABELS.getOrDefault(rule, rule);
        boolean blocked = "true".equals(o.attributes().get(BLOCKED));
        String summary = (blocked ? "Blocked " : "") + label + " from " + input + (destination == null ? "" : " to a " + destination
                + " destination") + " at " + o.callSite().id() + ": " + Findings.shorten(o.operation() + " "
                + o.target());
        return Findings.of("input." + rule, Severity.CRITICAL, summary, o, ctx.nowMillis(), Findings.evidence(
                "input", input, "source", o.attributes().get(SOURCE), "span", o.attributes().get(SPAN),
                "destination", destination, "blocked", blocked ? "true" : null, "baseline", "input-correlated: critical at any call site"));
    }
}
