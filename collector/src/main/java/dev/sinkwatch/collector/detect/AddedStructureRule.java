package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query language's injection rule judged like {@code sql.injection}: each shape is read for the structures an
 * injection adds (counted per signal, as {@code (|} in an LDAP filter or {@code or} in an XPath expression), and a
 * new shape at a call site that has trusted shapes is CRITICAL when it holds more of some signal than every trusted
 * shape does ("structure added against known shapes"). Nothing when the target is itself trusted, when the call site
 * has no trusted shape yet (novelty's business once it is stable), or when nothing is added (a shape that only drops
 * or reorders conditions). Subclasses name the signals; the shapes come from the agent, bounded to 8 KiB.
 */
abstract class AddedStructureRule implements TargetRule {

    /** The count of each signal in a shape; absent means none. */
    abstract Map<String, Integer> signals(String shape);

    /** The summary's name for the language's injection ({@code LDAP injection}). */
    abstract String label();

    @Override
    public Finding evaluate(Observation o, DetectionContext ctx) {
        if (o.kind() != kind() || ctx.trustedTarget()) {
            return null;
        }
        Map<String, Integer> observed = signals(o.target());
        if (observed.isEmpty()) {
            return null;
        }
        List<String> known = ctx.trusted();
        if (known.isEmpty()) {
            return null;
        }
        Map<String, Integer> most = new LinkedHashMap<>();
        for (String k : known) {
            signals(k).forEach((signal, count) -> most.merge(signal, count, Math::max));
        }
        Map<String, Integer> added = new LinkedHashMap<>();
        observed.forEach((signal, count) -> {
            int before = most.getOrDefault(signal, 0);
            if (count > before) {
                added.put(signal, count - before);
            }
        });
        if (added.isEmpty()) {
            return null;
        }
        String what = String.join(", ", added.keySet());
        return Findings.of(name(), Severity.CRITICAL, label() + ": " + what + " added to a known shape at "
                        + o.callSite().id() + ": " + Findings.shorten(o.target()), o, ctx.nowMillis(),
                Findings.evidence("signals", what, "baseline", Findings.shorten(SqlInjectionDetector.closest(
                        o.target(), known)), "known shapes", String.valueOf(known.size())));
    }

    /** Occurrences of {@code needle} in {@code text}. */
    static int occurrences(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }

    static void putIfPositive(Map<String, Integer> into, String signal, int count) {
        if (count > 0) {
            into.put(signal, count);
        }
    }
}
