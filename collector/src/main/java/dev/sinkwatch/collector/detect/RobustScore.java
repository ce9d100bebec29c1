package dev.sinkwatch.collector.detect;

import java.util.Arrays;

/**
 * Median and MAD scoring: {@code z = (x - median) / max(1.4826 × MAD, floorFraction × |median|, absoluteFloor)}.
 * The median and MAD ignore the outliers that would inflate a mean and standard deviation; 1.4826 makes MAD
 * estimate σ for normal data; the floors stop a flat baseline (MAD = 0) from turning noise into infinite scores.
 */
public final class RobustScore {

    /** MAD → σ for normally distributed data. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private RobustScore() {
    }

    /**
     * @param median the baseline median
     * @param scale  the scale actually divided by, floors applied
     * @param score  one-sided robust z of the observed value (positive = above the baseline)
     */
    public record Score(double median, double mad, double scale, double score) {
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return (v.length & 1) == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    public static double mad(double[] values, double median) {
        double[] dev = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            dev[i] = Math.abs(values[i] - median);
        }
        return median(dev);
    }

    public static Score score(double[] baseline, double observed, double floorFraction, double absoluteFloor) {
        double median = median(baseline);
        double mad = mad(baseline, median);
        double scale = Math.max(MAD_TO_SIGMA * mad, Math.max(floorFraction * Math.abs(median), absoluteFloor));
        return new Score(median, mad, scale, (observed - median) / scale);
    }
}
