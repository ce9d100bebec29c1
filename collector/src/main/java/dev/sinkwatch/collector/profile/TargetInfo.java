package dev.sinkwatch.collector.profile;

/**
 * What a profile knows of one (operation, target) pair.
 *
 * <p>Trust: a target is part of the baseline ("trusted") unless it is {@code novel} (first seen while the profile was
 * STABLE or UNSTABLE and not approved) or {@code flagged} (a day-0 rule fired on it and it was not approved).
 * Approval clears both.
 *
 * <p>Concurrency: guarded by the owning {@link Profile}'s monitor, like every mutable part of a profile.
 */
public final class TargetInfo {
    long firstSeenMillis;
    long lastSeenMillis;
    long count;
    boolean novel;
    boolean flagged;
    boolean approved;

    TargetInfo(long firstSeenMillis) {
        this.firstSeenMillis = firstSeenMillis;
        this.lastSeenMillis = firstSeenMillis;
    }

    TargetInfo copy() {
        TargetInfo c = new TargetInfo(firstSeenMillis);
        c.lastSeenMillis = lastSeenMillis;
        c.count = count;
        c.novel = novel;
        c.flagged = flagged;
        c.approved = approved;
        return c;
    }

    public long firstSeenMillis() {
        return firstSeenMillis;
    }

    public long lastSeenMillis() {
        return lastSeenMillis;
    }

    public long count() {
        return count;
    }

    public boolean novel() {
        return novel;
    }

    public boolean flagged() {
        return flagged;
    }

    public boolean approved() {
        return approved;
    }

    public boolean trusted() {
        return !novel && !flagged;
    }
}
