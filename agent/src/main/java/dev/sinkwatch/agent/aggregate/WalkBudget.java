package dev.sinkwatch.agent.aggregate;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket of stack walks per second, refilled once a second. Never blocks: no token, no walk.
 *
 * <p>Concurrency: lock-free; a refill may be lost in a race, which only makes the budget a little stricter.
 */
final class WalkBudget {
    private final long perSecond;
    private final AtomicLong tokens;
    private volatile long refilledAtNanos = System.nanoTime();

    WalkBudget(long perSecond) {
        this.perSecond = perSecond;
        this.tokens = new AtomicLong(perSecond);
    }

    boolean tryAcquire() {
        long now = System.nanoTime();
        if (now - refilledAtNanos >= 1_000_000_000L) {
            refilledAtNanos = now;
            tokens.set(perSecond);
        }
        return tokens.getAndDecrement() > 0;
    }
}
