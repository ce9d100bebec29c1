package dev.sinkwatch.bench.whole;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns the rounds into the CSVs (every round) and the markdown tables: per app and variant, the median over rounds
 * with min–max; each agent against no agent (difference of the medians and the median of per-round differences);
 * start-up CPU over no agent pair by pair (spread and standard error) and by kind of thread; each agent against
 * each other, round by round.
 */
final class Report {

    /**
     * One app run under one variant in one round, on CPU {@code cpu}. {@code failure} is null when the run
     * completed; {@code startupCpuByThread} splits the start-up CPU seconds by {@link ProcFs#THREAD_KINDS kind of
     * thread}.
     */
    record Round(int round, int order, String app, String variant, double startupSeconds, double startupCpuSeconds,
                 double rssStartMb, double rssLoadMb, WrkResult load, double cpuMicrosPerRequest,
                 long allocRequests, double allocKbPerRequest, String failure,
                 Map<String, Double> startupCpuByThread, int cpu) {

        static Round failed(int round, int order, String app, String variant, int cpu, String failure) {
            return new Round(round, order, app, variant, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    null, Double.NaN, 0, Double.NaN, failure, Map.of(), cpu);
        }
    }

    /** A column of the tables: name, how to read it from a round, its number format. */
    record Metric(String name, ToDoubleFunction<Round> value, String format) {
    }

    static final List<Metric> METRICS = List.of(
            new Metric("startup s", Round::startupSeconds, "%.1f"),
            new Metric("startup CPU s", Round::startupCpuSeconds, "%.1f"),
            new Metric("RSS after start MB", Round::rssStartMb, "%.0f"),
            new Metric("RSS after load MB", Round::rssLoadMb, "%.0f"),
            new Metric("req/s", r -> r.load() == null ? Double.NaN : r.load().requestsPerSecond(), "%.0f"),
            new Metric("p50 ms", r -> r.load() == null ? Double.NaN : r.load().p50Millis(), "%.2f"),
            new Metric("p99 ms", r -> r.load() == null ? Double.NaN : r.load().p99Millis(), "%.2f"),
            new Metric("CPU µs/req", Round::cpuMicrosPerRequest, "%.0f"),
            new Metric("alloc KB/req", Round::allocKbPerRequest, "%.1f"));

    static final String CSV_HEADER = "round,order,app,variant,cpu,startup_s,startup_cpu_s,rss_start_mb,rss_load_mb,"
            + "requests,req_per_s,p50_ms,p99_ms,wrk_errors,cpu_us_per_req,alloc_requests,alloc_kb_per_req,failure\n";

    static final String THREADS_CSV_HEADER = "round,app,variant,cpu,thread_kind,startup_cpu_s\n";

    private Report() {
    }

    /** The round's start-up CPU by kind of thread, one line per kind (none if it did not start). */
    static String threadsCsvLines(Round r) {
        StringBuilder lines = new StringBuilder();
        r.startupCpuByThread().forEach((kind, seconds) -> lines.append(String.format(Locale.ROOT,
                "%d,%s,%s,%d,%s,%.3f%n", r.round(), r.app(), r.variant(), r.cpu(), kind, seconds)));
        return lines.toString();
    }

    static String csvLine(Round r) {
        WrkResult w = r.load();
        return String.format(Locale.ROOT, "%d,%d,%s,%s,%d,%.3f,%.3f,%.1f,%.1f,%d,%.1f,%.3f,%.3f,%d,%.1f,%d,%.2f,%s%n",
                r.round(), r.order(), r.app(), r.variant(), r.cpu(), r.startupSeconds(), r.startupCpuSeconds(),
                r.rssStartMb(), r.rssLoadMb(), w == null ? 0 : w.requests(),
                w == null ? Double.NaN : w.requestsPerSecond(), w == null ? Double.NaN : w.p50Millis(),
                w == null ? Double.NaN : w.p99Millis(), w == null ? 0 : w.errors(), r.cpuMicrosPerRequest(),
                r.allocRequests(), r.allocKbPerRequest(),
                r.failure() == null ? "" : '"' + r.failure().replace('"', '\'').replace('\n', ' ') + '"');
    }

    /** Medians (min–max) per app and variant, then the differences of the medians against {@code none}. */
    static String tables(List<String> apps, List<String> variants, List<Round> rounds) {
        StringBuilder t = new StringBuilder();
        header(t, "| app | variant | rounds |", "| --- | --- | ---: |");
        for (String app : apps) {
            for (String variant : variants) {
                List<Round> cell = completed(rounds, app, variant);
                t.append("| ").append(app).append(" | ").append(variant).append(" | ").append(cell.size()).append(" |");
                for (Metric m : METRICS) {
                    List<Double> values = values(cell, m);
                    String shown = values.isEmpty() ? (cell.isEmpty() ? "failed" : "n/a") // n/a: not measured
                            : String.format(Locale.ROOT, m.format() + " (" + m.format() + "–" + m.format() + ")",
                                    median(values), values.get(0), values.get(values.size() - 1));
                    t.append(' ').append(shown).append(" |");
                }
                t.append('\n');
            }
        }
        if (!variants.contains("none")) {
            return t.toString();
        }
        t.append("\nAgainst no agent: difference of the medians [median of the per-round differences] "
                + "(throughput in %):\n\n");
        header(t, "| app | variant |", "| --- | --- |");
        for (String app : apps) {
            List<Round> base = completed(rounds, app, "none");
            for (String variant : variants) {
                if (variant.equals("none")) {
                    continue;
                }
                List<Round> cell = completed(rounds, app, variant);
                t.append("| ").append(app).append(" | ").append(variant).append(" |");
                for (Metric m : METRICS) {
                    List<Double> a = values(cell, m);
                    List<Double> b = values(base, m);
                    List<Double> paired = pairedDifferences(cell, base, m);
                    String d;
                    if (a.isEmpty() || b.isEmpty()) {
                        d = "n/a";
                    } else {
                        d = signed(m, difference(m, median(a), median(b))) + " ["
                                + (paired.isEmpty() ? "n/a" : signed(m, median(paired))) + "]";
                    }
                    t.append(' ').append(d).append(" |");
                }
                t.append('\n');
            }
        }
        t.append(startupPairs(apps, variants, rounds));
        t.append(startupByThread(apps, variants, rounds));
        t.append(headToHead(apps, variants, rounds));
        return t.toString();
    }

    /**
     * Start-up CPU over no agent, pair by pair (the same round): the figure the start-up's spread blurs most, so with
     * its mean, standard deviation and the standard error of the mean, which say how far more rounds would move it.
     */
    private static String startupPairs(List<String> apps, List<String> variants, List<Round> rounds) {
        Metric cpu = METRICS.get(1);
        StringBuilder t = new StringBuilder("\nStart-up CPU over no agent, pair by pair (s):\n\n"
                + "| app | variant | pairs | median | mean | SD | SE of the mean | within 1 s |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        int rows = 0;
        for (String app : apps) {
            List<Round> base = completed(rounds, app, "none");
            for (String variant : variants) {
                List<Double> d = variant.equals("none") ? List.of()
                        : pairedDifferences(completed(rounds, app, variant), base, cpu);
                if (d.size() < 2) {
                    continue;
                }
                double mean = d.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                double sd = Math.sqrt(d.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (d.size() - 1));
                long within = d.stream().filter(x -> x <= 1.0).count(); // the target of docs/performance.md
                rows++;
                t.append(String.format(Locale.ROOT, "| %s | %s | %d | %+.2f | %+.2f | %.2f | %.2f | %d of %d |%n",
                        app, variant, d.size(), median(d), mean, sd, sd / Math.sqrt(d.size()), within, d.size()));
            }
        }
        return rows == 0 ? "" : t.toString();
    }

    /** A table's two header lines: the leading columns, then one per metric. */
    private static void header(StringBuilder t, String leading, String leadingRule) {
        t.append(leading);
        METRICS.forEach(m -> t.append(' ').append(m.name()).append(" |"));
        t.append('\n').append(leadingRule);
        METRICS.forEach(m -> t.append(" ---: |"));
        t.append('\n');
    }

    /**
     * Where an agent's start-up CPU over no agent went, by kind of thread: the mean of the per-round differences
     * (means add up to the total; the main thread is the application's start, the JIT threads compile what it runs).
     */
    private static String startupByThread(List<String> apps, List<String> variants, List<Round> rounds) {
        StringBuilder t = new StringBuilder("\nStart-up CPU over no agent by thread, mean of the pairs (s):\n\n"
                + "| app | variant | pairs |");
        ProcFs.THREAD_KINDS.forEach(k -> t.append(' ').append(k).append(" |"));
        t.append(" all |\n| --- | --- | ---: |");
        ProcFs.THREAD_KINDS.forEach(k -> t.append(" ---: |"));
        t.append(" ---: |\n");
        int rows = 0;
        for (String app : apps) {
            List<Round> base = completed(rounds, app, "none");
            for (String variant : variants) {
                if (variant.equals("none")) {
                    continue;
                }
                List<Round[]> pairs = sameRound(completed(rounds, app, variant), base).stream()
                        .filter(p -> !p[0].startupCpuByThread().isEmpty() && !p[1].startupCpuByThread().isEmpty())
                        .toList();
                if (pairs.isEmpty()) {
                    continue;
                }
                rows++;
                t.append("| ").append(app).append(" | ").append(variant).append(" | ").append(pairs.size())
                        .append(" |");
                for (String kind : ProcFs.THREAD_KINDS) {
                    double mean = pairs.stream().mapToDouble(p -> p[0].startupCpuByThread().getOrDefault(kind, 0.0)
                            - p[1].startupCpuByThread().getOrDefault(kind, 0.0)).average().orElseThrow();
                    t.append(String.format(Locale.ROOT, " %+.2f |", mean));
                }
                double all = pairs.stream().mapToDouble(p -> p[0].startupCpuSeconds() - p[1].startupCpuSeconds())
                        .average().orElseThrow();
                t.append(String.format(Locale.ROOT, " %+.2f |%n", all));
            }
        }
        return rows == 0 ? "" : t.toString();
    }

    /**
     * For every two agents, in how many of the rounds both completed the first did better than the second (lower,
     * or higher for throughput): a comparison within a round, which the machine's drift between rounds cannot move.
     */
    private static String headToHead(List<String> apps, List<String> variants, List<Round> rounds) {
        List<String> agents = variants.stream().filter(v -> !v.equals("none")).toList();
        if (agents.size() < 2) {
            return "";
        }
        StringBuilder t = new StringBuilder("\nHead to head, rounds in which the first did better than the second:"
                + "\n\n");
        header(t, "| app | agents |", "| --- | --- |");
        int rows = 0;
        for (String app : apps) {
            for (int i = 0; i < agents.size(); i++) {
                for (int j = i + 1; j < agents.size(); j++) {
                    List<Round> first = completed(rounds, app, agents.get(i));
                    List<Round> second = completed(rounds, app, agents.get(j));
                    if (sameRound(first, second).isEmpty()) {
                        continue; // never in the same round (side by side: each only beside no agent)
                    }
                    rows++;
                    t.append("| ").append(app).append(" | ").append(agents.get(i)).append(" vs ")
                            .append(agents.get(j)).append(" |");
                    for (Metric m : METRICS) {
                        List<double[]> pairs = sameRoundPairs(first, second, m);
                        long better = pairs.stream().filter(p -> throughput(m) ? p[0] > p[1] : p[0] < p[1]).count();
                        t.append(' ').append(better).append(" of ").append(pairs.size()).append(" |");
                    }
                    t.append('\n');
                }
            }
        }
        return rows == 0 ? "" : t.toString();
    }

    /** Throughput is better higher and compared in percent; everything else is better lower, in its own unit. */
    private static boolean throughput(Metric m) {
        return m.name().equals("req/s");
    }

    /** A variant's value against a base: the ratio in percent for throughput, the difference otherwise. */
    private static double difference(Metric m, double value, double base) {
        return throughput(m) ? 100 * (value / base - 1) : value - base;
    }

    private static String signed(Metric m, double difference) {
        return String.format(Locale.ROOT, throughput(m) ? "%+.1f %%" : m.format().replace("%", "%+"), difference);
    }

    /** The variant's difference from no agent in the same round, for every round both completed; sorted. */
    private static List<Double> pairedDifferences(List<Round> cell, List<Round> base, Metric m) {
        List<Double> differences = new ArrayList<>();
        for (double[] p : sameRoundPairs(cell, base, m)) {
            differences.add(difference(m, p[0], p[1]));
        }
        Collections.sort(differences);
        return differences;
    }

    /** The metric's values {a, b} for every round in which both runs completed and have the metric. */
    private static List<double[]> sameRoundPairs(List<Round> as, List<Round> bs, Metric m) {
        List<double[]> pairs = new ArrayList<>();
        for (Round[] p : sameRound(as, bs)) {
            double x = m.value().applyAsDouble(p[0]);
            double y = m.value().applyAsDouble(p[1]);
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                pairs.add(new double[] {x, y});
            }
        }
        return pairs;
    }

    /** The runs {a, b} of the same round. */
    private static List<Round[]> sameRound(List<Round> as, List<Round> bs) {
        List<Round[]> pairs = new ArrayList<>();
        for (Round a : as) {
            for (Round b : bs) {
                if (b.round() == a.round()) {
                    pairs.add(new Round[] {a, b});
                }
            }
        }
        return pairs;
    }

    private static List<Round> completed(List<Round> rounds, String app, String variant) {
        List<Round> cell = new ArrayList<>();
        for (Round r : rounds) {
            if (r.failure() == null && r.app().equals(app) && r.variant().equals(variant)) {
                cell.add(r);
            }
        }
        return cell;
    }

    /** The metric's values over the rounds, sorted, NaN left out. */
    private static List<Double> values(List<Round> cell, Metric m) {
        List<Double> values = new ArrayList<>();
        for (Round r : cell) {
            double v = m.value().applyAsDouble(r);
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        Collections.sort(values);
        return values;
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
