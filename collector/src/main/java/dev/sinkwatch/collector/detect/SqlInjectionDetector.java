package dev.sinkwatch.collector.detect;

import dev.sinkwatch.contract.SinkOperation;
import dev.sinkwatch.collector.model.Finding;
import dev.sinkwatch.collector.model.Observation;
import dev.sinkwatch.collector.model.Severity;
import dev.sinkwatch.contract.SinkKind;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code sql.injection}: SQL structure that injection adds, judged on the agent's fingerprint (literals are
 * {@code ?}, comments {@code /*?*}{@code /} or {@code --?}).
 *
 * <ul>
 *   <li>tautology: {@code OR ?=?}, {@code OR ? = ?}, {@code OR ?<>?}, {@code OR TRUE}, a bare {@code OR ?} ending
 *       a clause ({@code OR 1=1}, {@code OR 'a'='a'}, {@code OR 1} after fingerprinting)</li>
 *   <li>union: {@code UNION [ALL|DISTINCT] SELECT}</li>
 *   <li>stacked query: {@code ;} followed by another statement ({@code ; DROP}, {@code ; SELECT}, ...)</li>
 *   <li>comment truncation: a trailing {@code --?} or {@code /*?*}{@code /} (the rest of the statement commented
 *       out); a comment in the middle (an optimizer hint) is not a signal</li>
 * </ul>
 *
 * <p>CRITICAL when the call site has trusted shapes and the new one carries a signal none of them has ("structure
 * added against known shapes"); WARNING when the call site has no trusted shape yet (its first query); nothing
 * when the target is itself trusted or every signal already occurs in the trusted shapes (the code legitimately
 * uses UNION, say).
 *
 * <p>Example: known {@code SELECT * FROM users WHERE name = ?}, observed
 * {@code SELECT * FROM users WHERE name = ? OR ?=?--?} → CRITICAL, added: tautology, comment.
 */
final class SqlInjectionDetector implements TargetRule {

    /** The structures injection adds. */
    enum Signal {
        TAUTOLOGY("tautology"), UNION("UNION SELECT"), STACKED("stacked query"), COMMENT("comment truncation");

        final String label;

        Signal(String label) {
            this.label = label;
        }
    }

    // Every quantifier is possessive (or followed by something it cannot match), so a match attempt never
    // backtracks into a run it consumed: matching is linear in the target. The greedy originals were quadratic in
    // whitespace ("OR" followed by 300,000 spaces held a pipeline worker for minutes). Linearity is tested by
    // counting the characters the matcher reads (SqlInjectionDetectorTest).
    private static final String OPERAND = "(?:\\?|\\d++|'[^']*+'|TRUE|FALSE)";
    private static final Pattern TAUTOLOGY = Pattern.compile(
            "\\bOR\\s++(?:NOT\\s++)?+\\(?+\\s*+" + OPERAND + "\\s*+(?:=|<>|!=|>=|<=|>|<|\\bLIKE\\b)\\s*+"
                    + OPERAND + "|\\bOR\\s++TRUE\\b|\\bOR\\s++\\?\\s*+(?:$|\\)|;|--|/\\*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNION = Pattern.compile(
            "\\bUNION\\s++(?:ALL\\s++|DISTINCT\\s++)?+\\(?+\\s*+SELECT\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern STACKED = Pattern.compile(
            ";\\s*+(?:DROP|DELETE|INSERT|UPDATE|CREATE|ALTER|TRUNCATE|EXEC|EXECUTE|GRANT|REVOKE|SHUTDOWN|COPY|SELECT"
                    + "|DECLARE|WAITFOR|CALL|SET|MERGE|REPLACE|LOAD|ATTACH|RENAME|BACKUP|RESTORE)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile("(?:--\\?|/\\*\\?\\*/)\\s*+;?+\\s*+$");
    private static final Set<String> SQL_OPERATIONS = Set.of(SinkOperation.JDBC_QUERY.wireName(),
            SinkOperation.JDBC_UPDATE.wireName(), SinkOperation.JDBC_EXECUTE.wireName(),
            SinkOperation.JDBC_BATCH.wireName(), SinkOperation.JDBC_PREPARE.wireName());

    @Override
    public String name() {
        return "sql.injection";
    }

    @Override
    public SinkKind kind() {
        return SinkKind.JDBC;
    }

    static EnumSet<Signal> signals(CharSequence sql) {
        EnumSet<Signal> s = EnumSet.noneOf(Signal.class);
        if (TAUTOLOGY.matcher(sql).find()) {
            s.add(Signal.TAUTOLOGY);
        }
        if (UNION.matcher(sql).find()) {
            s.add(Signal.UNION);
        }
        if (STACKED.matcher(sql).find()) {
            s.add(Signal.STACKED);
        }
        if (COMMENT.matcher(sql).find()) {
            s.add(Signal.COMMENT);
        }
        return s;
    }

    @Override
    public Finding evaluate(Observation o, DetectionContext ctx) {
        if (o.kind() != SinkKind.JDBC || !SQL_OPERATIONS.contains(o.operation().toLowerCase(Locale.ROOT))
                || ctx.trustedTarget()) {
            return null;
        }
        EnumSet<Signal> observed = signals(o.target());
        if (observed.isEmpty()) {
            return null;
        }
        List<String> known = ctx.trusted().stream().filter(t -> !t.contains("://")).toList();
        if (known.isEmpty()) {
            return Findings.of(name(), Severity.WARNING,
                    "SQL with " + labels(observed) + " as the first query of " + o.callSite().id() + ": "
                            + Findings.shorten(o.target()),
                    o, ctx.nowMillis(), Findings.evidence("signals", labels(observed), "baseline", "no known shapes"));
        }
        EnumSet<Signal> seen = EnumSet.noneOf(Signal.class);
        for (String k : known) {
            seen.addAll(signals(k));
        }
        EnumSet<Signal> added = EnumSet.copyOf(observed);
        added.removeAll(seen);
        if (added.isEmpty()) {
            return null;
        }
        String closest = closest(o.target(), known);
        return Findings.of(name(), Severity.CRITICAL,
                "SQL injection: " + labels(added) + " added to a known shape at " + o.callSite().id() + ": "
                        + Findings.shorten(o.target()),
                o, ctx.nowMillis(), Findings.evidence("signals", labels(added), "baseline", closest,
                        "known shapes", String.valueOf(known.size())));
    }

    private static String labels(Set<Signal> signals) {
        return signals.stream().map(s -> s.label).collect(Collectors.joining(", "));
    }

    /** The known shape sharing the longest prefix with the observed one. */
    static String closest(String observed, List<String> known) {
        String best = known.get(0);
        int bestLength = -1;
        for (String k : known) {
            int n = 0;
            int max = Math.min(k.length(), observed.length());
            while (n < max && Character.toLowerCase(k.charAt(n)) == Character.toLowerCase(observed.charAt(n))) {
                n++;
            }
            if (n > bestLength) {
                bestLength = n;
                best = k;
            }
        }
        return best;
    }
}
