package dev.sinkwatch.contract;

/**
 * How the agent names the one overflow key per kind it counts calls under once its key cap is reached: volume is
 * never lost, only detail. The collector keeps such keys out of baselines and detection.
 */
public final class OverflowMarkers {
    /** {@link SinkAttributes#TARGET} of an overflow key. */
    public static final String TARGET = "(overflow)";
    /** The pseudo call site of an overflow key: class and method, so {@code code.function.name} is {@link #FUNCTION}. */
    public static final String CALL_SITE_CLASS = "sinkwatch";
    public static final String CALL_SITE_METHOD = "Overflow";
    public static final String FUNCTION = CALL_SITE_CLASS + "." + CALL_SITE_METHOD;

    private OverflowMarkers() {
    }
}
