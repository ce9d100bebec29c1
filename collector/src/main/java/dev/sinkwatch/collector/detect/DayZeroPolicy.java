package dev.sinkwatch.collector.detect;

import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.collector.profile.ProfileState;
import dev.sinkwatch.contract.SinkAttributes;
import dev.sinkwatch.contract.SinkKind;
import dev.sinkwatch.contract.SinkOperation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What a day-0 finding means where it was found: the same rule match is an attack, a new code path, a shell the
 * application always runs, or a container reading its own configuration. Pure: the engine asks it once per finding.
 *
 * <ol>
 *   <li><b>Input-correlated findings</b> ({@code input.*}): CRITICAL wherever they occur; the target is flagged.</li>
 *   <li><b>Structure rules</b> ({@code sql.injection}, {@code shell.injection},
 *       {@code ldap.injection}, {@code xpath.injection}) compare with the call site's known
 *       shapes themselves: their severity stands and the target is flagged.</li>
 *   <li><b>Library work outside any request</b> (the agent says {@code sinkwatch.request=false} and
 *       {@code sinkwatch.callsite.origin=library}: a servlet container resolving its key store at start-up) → at most
 *       INFO; the target joins the baseline.</li>
 *   <li><b>A target of the learned baseline</b> (trusted: learned or approved) → nothing. It was reported once when
 *       it was learned, so repeats of the shell the application always runs neither re-raise nor move an alert.</li>
 *   <li><b>A new target while the call site learns</b>, in a service whose baseline is not yet stable → one WARNING
 *       for a person to approve; the target joins the baseline.</li>
 *   <li>Otherwise — a changed shape at a stable call site, a target already flagged, or a <b>new code path</b> (a
 *       call site first seen after its service version's baseline became stable: a call site of it was STABLE and
 *       a quiet period had passed without a new call site) → the rule's own severity (CRITICAL), and the target is
 *       flagged: reported on every sighting until approved.</li>
 * </ol>
 */
final class DayZeroPolicy {

    /** Rules that judge structure against the call site's known shapes themselves. */
    private static final Set<String> STRUCTURE_RULES = Set.of("sql.injection", "shell.injection", "ldap.injection",
            "xpath.injection");

    /**
     * @param finding the finding to report, or null for none
     * @param flag    keep the target out of the trusted baseline until approved
     */
    record Verdict(Finding finding, boolean flag) {
    }

    private DayZeroPolicy() {
    }

    /**
     * @param newCodePath the call site was first seen after its service's baseline was stable (asked only when
     *                    it matters)
     */
    static Verdict judge(Finding f, Observation o, DetectionContext ctx, BooleanSupplier newCodePath) {
        if (STRUCTURE_RULES.contains(f.detector()) || f.detector().startsWith("input.")) {
            return new Verdict(f, true);
        }
        if (backgroundWork(o)) {
            return new Verdict(with(f, Severity.INFO, "", "context", "library code outside any request"), false);
        }
        if (ctx.trustedTarget()) {
            return new Verdict(null, false);
        }
        if (ctx.state() == ProfileState.LEARNING && ctx.newTarget()) {
            if (newCodePath.getAsBoolean()) {
                return new Verdict(with(f, f.severity(), "New code path: ", "context",
                        "call site first seen after the service's baseline was stable"), true);
            }
            return new Verdict(with(f, Severity.WARNING, "", "context",
                    "learned into the call site's baseline; reported once, approve if expected"), false);
        }
        return new Verdict(f, true);
    }

    /**
     * Library work outside any request (the agent says {@code sinkwatch.request=false} and
     * {@code sinkwatch.callsite.origin=library}, on a key's first sighting): day-0 rules report it at most at INFO,
     * and its new targets join the call site's baseline without a novelty finding (a container's background thread
     * listing a directory it never listed is not a new behaviour of the application). An input that reaches it is
     * still CRITICAL ({@code input.*}).
     */
    static boolean backgroundWork(Observation o) {
        Map<String, String> attributes = o.attributes();
        return "false".equals(attributes.get(SinkAttributes.REQUEST))
                && SinkAttributes.ORIGIN_LIBRARY.equals(attributes.get(SinkAttributes.CALLSITE_ORIGIN));
    }

    /**
     * Work whose new targets join the baseline without a novelty finding: {@link #backgroundWork}, and a class
     * loader reading a {@code .class} file (library code, in a request or not: a code path run for the first time
     * after the baseline is stable loads its classes; the JVM loading code is not the application touching files).
     */
    static boolean learnedSilently(Observation o) {
        return backgroundWork(o) || (o.kind() == SinkKind.FILE && o.target().endsWith(".class")
                && SinkOperation.FILE_READ.wireName().equals(o.operation())
                && SinkAttributes.ORIGIN_LIBRARY.equals(o.attributes().get(SinkAttributes.CALLSITE_ORIGIN)));
    }

    private static Finding with(Finding f, Severity severity, String summaryPrefix, String key, String value) {
        Map<String, String> evidence = new LinkedHashMap<>(f.evidence());
        evidence.put(key, value);
        Severity s = severity.ordinal() < f.severity().ordinal() ? f.severity() : severity;
        return new Finding(f.detector(), s, summaryPrefix + f.summary(), f.service(), f.kind(), f.operation(),
                f.target(), f.targetFingerprint(), f.callSite(), evidence, f.observedUnixMillis());
    }
}
