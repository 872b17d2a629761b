package io.dinplatform.core.serving;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * How many forward passes of one model may run at once. The engine's cores are shared by every thread that scores:
 * past a few concurrent passes, each with the engine's own intra-op threads, they only take turns on the same cores
 * (and OpenMP's threads spin while they wait), so many concurrent requests are slower together than the same
 * requests taken a few at a time. A thread beyond the limit waits for a pass to finish, in arrival order, so a long
 * ranking, scored pass by pass, interleaves fairly with short requests instead of holding the cores to itself.
 */
final class ForwardPassLimit {

    /** No limit: every caller runs at once (a scorer used by one thread, a batch job, a test). */
    static final ForwardPassLimit NONE = new ForwardPassLimit(null);

    private final Semaphore passes;

    private ForwardPassLimit(Semaphore passes) {
        this.passes = passes;
    }

    /** At most {@code concurrent} passes at once. */
    static ForwardPassLimit of(int concurrent) {
        if (concurrent <= 0) {
            throw new IllegalArgumentException("concurrent forward passes must be positive, not " + concurrent);
        }
        return new ForwardPassLimit(new Semaphore(concurrent, true));
    }

    /** Runs one forward pass when its turn comes. */
    void run(Runnable pass) {
        run(() -> {
            pass.run();
            return null;
        });
    }

    /** Runs one forward pass when its turn comes, and returns what it computed. */
    <T> T run(Supplier<T> pass) {
        if (passes == null) {
            return pass.get();
        }
        // Uninterruptibly: a pass takes milliseconds, and a request abandoned while it waits still gets its answer
        // computed rather than a half-scored result.
        passes.acquireUninterruptibly();
        try {
            return pass.get();
        } finally {
            passes.release();
        }
    }
}
