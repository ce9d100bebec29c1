package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Detector;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code shell.injection}: commands or shell operators added to a script shape the call site already ran — the
 * shell's counterpart of {@code sql.injection}, judged on the agent's script shape ({@code sh -c "cowsay ?"}: command
 * words, flags and operators kept, arguments folded to {@code ?}; see docs/agent-output.md).
 *
 * <p>A script's <em>structure</em> is the set of its command words and operators ({@code ;} {@code &&}
 * {@code ||} {@code |} {@code &} {@code ( )} {@code $(} redirections, {@code #?}); flags and folded arguments are
 * not structure. The observed script is compared with each trusted script of the call site whose structure it
 * contains (an injection keeps the script it lands in); what it adds to the closest one (fewest additions) is the
 * finding. CRITICAL when something is added; nothing when the call site has no trusted script yet (then
 * {@code process.suspicious} judges it), when the target is itself trusted, when no known script is contained in it
 * (another script altogether, as a helper running several: novelty's business), or when every command and
 * operator already occurs in one known script it contains.
 *
 * <p>Example: known {@code sh -c "cowsay ?"}, observed {@code sh -c "cowsay ?; id; echo ?"} → CRITICAL, added:
 * {@code ; id echo}. Known {@code sh -c "ls ?"}, observed {@code sh -c "ls -la ?"} → nothing here (novelty sees it).
 */
final class ShellInjectionDetector implements TargetRule {

    /** Operators of the shape (longest first), then words. The shape is bounded by the agent (8 KiB scripts). */
    private static final Pattern TOKEN = Pattern.compile(
            "\\$\\(|;;|&&|\\|\\||[0-9]?(?:>>|>\\||<<|&>|>|<)(?:&[0-9-]*)?|[;&|()]|#\\?|[^\\s;&|()<>]+");

    public Detector detector() {
        return Detector.SHELL_INJECTION;
    }

    @Override
    public SinkKind kind() {
        return SinkKind.PROCESS;
    }

    /** The script inside a process shape ({@code sh -c "..."}), or null when the shape runs no script. */
    static String script(String shape) {
        int open = shape.indexOf('"');
        int close = shape.lastIndexOf('"');
        return open >= 0 && close > open ? shape.substring(open + 1, close) : null;
    }

    /** Command words and operators of a script shape, in order of first appearance. */
    static Set<String> structure(String scriptShape) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(scriptShape);
        while (m.find()) {
            String t = m.group();
            if (t.equals("?") || t.startsWith("-") || t.endsWith("=?")) {
                continue; // a folded value or a flag: not structure
            }
            out.add(t);
        }
        return out;
    }

    @Override
    public Finding evaluate(Observation o, DetectionContext ctx) {
        if (o.kind() != SinkKind.PROCESS || ctx.trustedTarget()) {
            return null;
        }
        String observed = script(o.target());
        if (observed == null) {
            return null;
        }
        Set<String> observedStructure = structure(observed);
        Set<String> fewest = null;
        String closest = null;
        List<String> known = ctx.trusted();
        for (String k : known) {
            String knownScript = script(k);
            if (knownScript == null) {
                continue;
            }
            Set<String> knownStructure = structure(knownScript);
            if (!observedStructure.containsAll(knownStructure)) {
                continue; // another script altogether (a helper running several): novelty's business, not this
            }
            Set<String> added = new LinkedHashSet<>(observedStructure);
            added.removeAll(knownStructure);
            if (fewest == null || added.size() < fewest.size()) {
                fewest = added;
                closest = k;
            }
        }
        if (fewest == null || fewest.isEmpty()) {
            return null;
        }
        String added = String.join(" ", fewest);
        return Findings.of(detector(), Severity.CRITICAL, "Shell injection: " + added + " added to a known script at "
                        + o.callSite().id() + ": " + Findings.shorten(o.target()), o, ctx.nowMillis(),
                Findings.evidence("added", added, "baseline", Findings.shorten(closest)));
    }
}
