package dev.sinkwatch.collector.profile;

import java.util.Locale;

/**
 * Where a profile is in its life.
 *
 * <ul>
 *   <li>{@code LEARNING}: new targets join the baseline silently; ends when nothing new was seen for the quiet
 *       period.</li>
 *   <li>{@code STABLE}: a new target is novelty (a finding) until approved.</li>
 *   <li>{@code UNSTABLE}: novelty kept coming after learning (or the target bound was reached); no novelty findings,
 *       day-0 rules and statistics still apply. Sticky: a flapping call site is not worth re-learning silently.</li>
 * </ul>
 */
public enum ProfileState {
    LEARNING, STABLE, UNSTABLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
