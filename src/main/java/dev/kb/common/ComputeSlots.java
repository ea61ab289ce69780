package dev.kb.common;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many expensive answers are computed at once, so that a crowd asking for them leaves cores to search.
 * Expensive means seconds of CPU, a hundred searches' worth: a coverage report not computed yet (graphs, learning
 * paths and passages cost about what a search does and take no slot). A computation waits a short while for a
 * slot, first come first served; then it is refused with {@link Limit#CONCURRENT_COMPUTATIONS}, which the API
 * answers with 503 and {@code Retry-After}. A computation inside another one (on the same thread) needs no second
 * slot.
 */
public final class ComputeSlots {
    /** Half the cores, at least one: the other half keeps answering searches. */
    public static final int DEFAULT_SLOTS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    /** Long enough for a short queue to drain, short enough to answer "later" before a client gives up. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);

    private final int slots;
    private final Duration wait;
    private final Semaphore permits;
    private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

    public ComputeSlots() {
        this(DEFAULT_SLOTS, DEFAULT_WAIT);
    }

    public ComputeSlots(int slots, Duration wait) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one computation slot is needed");
        }
        this.slots = slots;
        this.wait = wait;
        this.permits = new Semaphore(slots, true);
    }

    public <T> T run(Supplier<T> work) {
        if (holding.get()) {
            return work.get();
        }
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        holding.set(true);
        try {
            return work.get();
        } finally {
            holding.set(false);
            permits.release();
        }
    }

    /** How many computations may run at once. */
    public int slots() {
        return slots;
    }

    /** How many computations wait for a slot now. */
    public int waiting() {
        return permits.getQueueLength();
    }

    private LimitExceeded busy() {
        return new LimitExceeded(Limit.CONCURRENT_COMPUTATIONS, slots, null, "kb is computing " + slots
                + " expensive answer(s) (coverage reports) already and this one waited " + wait.toMillis()
                + " ms for its turn; try again in a few seconds");
    }
}
