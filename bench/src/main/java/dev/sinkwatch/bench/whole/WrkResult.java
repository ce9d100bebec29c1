package dev.sinkwatch.bench.whole;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code wrk --latency} run reports, parsed from its text output: requests completed, requests per second,
 * the latency percentiles in milliseconds, and the errors it counted (non-2xx/3xx responses and socket errors).
 */
record WrkResult(long requests, double requestsPerSecond, double p50Millis, double p99Millis, long errors) {

    private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in ", Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s*([0-9.]+)", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s*(\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** Parses wrk's output; a missing required line is an error that quotes the output. */
    static WrkResult parse(String output) {
        long requests = Long.parseLong(find(REQUESTS, output, "'N requests in'"));
        double rate = Double.parseDouble(find(RATE, output, "'Requests/sec:'"));
        double p50 = percentileMillis(output, "50");
        double p99 = percentileMillis(output, "99");
        long errors = 0;
        Matcher m = NON_2XX.matcher(output);
        if (m.find()) {
            errors += Long.parseLong(m.group(1));
        }
        m = SOCKET.matcher(output);
        if (m.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(m.group(g));
            }
        }
        return new WrkResult(requests, rate, p50, p99, errors);
    }

    /**
     * The measured phase of one variant made of several wrk slices: requests and errors add up, the rate is all
     * requests over all the slices' time, and p50 and p99 are the medians of the slices' (wrk's percentiles cannot
     * be merged; the median keeps one slice disturbed by the machine from moving them).
     */
    static WrkResult combine(List<WrkResult> slices) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("no wrk slice to combine");
        }
        long requests = 0;
        long errors = 0;
        double seconds = 0;
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (WrkResult s : slices) {
            requests += s.requests();
            errors += s.errors();
            seconds += s.requestsPerSecond() > 0 ? s.requests() / s.requestsPerSecond() : 0;
            p50.add(s.p50Millis());
            p99.add(s.p99Millis());
        }
        Collections.sort(p50);
        Collections.sort(p99);
        return new WrkResult(requests, seconds > 0 ? requests / seconds : 0, Report.median(p50), Report.median(p99),
                errors);
    }

    /** A line of the "Latency Distribution" block, e.g. {@code "     99%    3.45ms"}. */
    private static double percentileMillis(String output, String percent) {
        Pattern p = Pattern.compile("^\\s*" + percent + "(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE);
        Matcher m = p.matcher(output);
        if (!m.find()) {
            throw new IllegalArgumentException("wrk output has no " + percent + "% latency line (was --latency "
                    + "given?):\n" + output);
        }
        return toMillis(Double.parseDouble(m.group(1)), m.group(2));
    }

    static double toMillis(double value, String unit) {
        switch (unit) {
            case "us": return value / 1000;
            case "ms": return value;
            case "s": return value * 1000;
            case "m": return value * 60_000;
            case "h": return value * 3_600_000;
            default: throw new IllegalArgumentException("unknown wrk time unit " + unit);
        }
    }

    private static String find(Pattern p, String output, String what) {
        Matcher m = p.matcher(output);
        if (!m.find()) {
            throw new IllegalArgumentException("wrk output has no " + what + " line:\n" + output);
        }
        return m.group(1);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d requests, %.1f req/s, p50 %.2f ms, p99 %.2f ms, %d errors",
                requests, requestsPerSecond, p50Millis, p99Millis, errors);
    }
}
