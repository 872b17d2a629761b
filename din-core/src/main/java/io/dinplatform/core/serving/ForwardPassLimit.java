package io.dinplatform.core.serving;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import io.dinplatform.core.device.EngineThreads;

/**
 * How many forward passes of one model may run at once, and with how many intra-op threads each. The engine's cores
 * are shared by every thread that scores: past a few concurrent passes, each with the engine's own intra-op threads,
 * they only take turns on the same cores (and OpenMP's threads spin while they wait), so many concurrent requests are
 * slower together than the same requests taken a few at a time. A thread beyond the limit waits for a pass to finish,
 * in arrival order, so a long ranking, scored pass by pass, interleaves fairly with short requests instead of holding
 * the cores to itself.
 *
 * <p>A served pass is small (a batch of a few dozen rows runs a hundred operators of microseconds each), so a second
 * intra-op thread mostly forks, joins and spins: on two cores, a batch of 16 took 1.9× the CPU time with two threads
 * as with one, for the same wall time. The count is set on the thread that runs the pass ({@link EngineThreads}), so
 * a server's setting does not change the count of a training run in the same process.
 */
final class ForwardPassLimit {

    /**
     * No limit: every caller runs at once, with its thread's intra-op threads (a scorer used by one thread, a batch
     * job, a test).
     */
    static final ForwardPassLimit NONE = new ForwardPassLimit(null, 0);

    private final Semaphore passes;
    /** Each pass's intra-op threads; 0 leaves the calling thread's. */
    private final int threadsPerPass;

    private ForwardPassLimit(Semaphore passes, int threadsPerPass) {
        this.passes = passes;
        this.threadsPerPass = threadsPerPass;
    }

    /** At most {@code concurrent} passes at once, each with the calling thread's intra-op threads. */
    static ForwardPassLimit of(int concurrent) {
        return of(concurrent, 0);
    }

    /**
     * At most {@code concurrent} passes at once, each with {@code threadsPerPass} intra-op threads (0: the calling
     * thread's).
     */
    static ForwardPassLimit of(int concurrent, int threadsPerPass) {
        if (concurrent <= 0) {
            throw new IllegalArgumentException("concurrent forward passes must be positive, not " + concurrent);
        }
        if (threadsPerPass < 0) {
            throw new IllegalArgumentException("intra-op threads per pass must be positive (or 0 for the thread's "
                    + "own), not " + threadsPerPass);
        }
        return new ForwardPassLimit(new Semaphore(concurrent, true), threadsPerPass);
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
        if (threadsPerPass > 0) {
            EngineThreads.onThisThread(threadsPerPass);
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
