package dev.sinkwatch.collector.attribution;

import java.util.Arrays;

/**
 * A sorted set of 1-based line ranges, parsed from {@code 1-10,15,20-25} (git-ai) or built range by range.
 * Immutable once built.
 */
final class LineRanges {
    private final int[] starts;
    private final int[] ends;

    private LineRanges(int[] starts, int[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /** Parses {@code 1-10,15,20-25}. Throws {@link IllegalArgumentException} on anything else. */
    static LineRanges parse(String spec) {
        String[] parts = spec.trim().split(",");
        int[] s = new int[parts.length];
        int[] e = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            int dash = p.indexOf('-');
            try {
                s[i] = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                e[i] = dash < 0 ? s[i] : Integer.parseInt(p.substring(dash + 1));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("bad line range '" + p + "' in '" + spec + "'");
            }
            if (s[i] < 1 || e[i] < s[i]) {
                throw new IllegalArgumentException("bad line range '" + p + "' in '" + spec + "'");
            }
        }
        return sorted(s, e);
    }

    static LineRanges of(int start, int end) {
        return new LineRanges(new int[] {start}, new int[] {end});
    }

    private static LineRanges sorted(int[] s, int[] e) {
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(s[a], s[b]));
        int[] ss = new int[s.length];
        int[] ee = new int[s.length];
        for (int i = 0; i < order.length; i++) {
            ss[i] = s[order[i]];
            ee[i] = e[order[i]];
        }
        return new LineRanges(ss, ee);
    }

    boolean contains(int line) {
        // Few ranges per attestation: a scan is simplest, and correct when hand-written input overlaps.
        for (int i = 0; i < starts.length && starts[i] <= line; i++) {
            if (ends[i] >= line) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < starts.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(starts[i]);
            if (ends[i] != starts[i]) {
                sb.append('-').append(ends[i]);
            }
        }
        return sb.toString();
    }
}
