package io.dinplatform.core.device;

import com.sun.jna.Function;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tunes the C library's allocator for the engine's allocation pattern: every training step allocates and frees the
 * same few hundred tensors of 0.1 to 30 MB.
 *
 * <p>glibc's defaults serve blocks above a sliding threshold with a fresh {@code mmap} and give freed heap tops
 * back to the kernel, so each step faults its temporaries in page by page again: about a thousand minor page faults
 * per step, a third of the step's time, and more as the embedding tables grow and their rows scatter over more
 * pages. Keeping freed memory in the heap ({@code M_MMAP_THRESHOLD} at its 32 MiB maximum, trimming off, a generous
 * top pad) turns the second step's temporaries into the first step's pages. Resident memory then settles at the
 * working set of one step instead of oscillating around it, and stays there: whoever ends a workload for good (a
 * training run, a served model) hands the pages back with {@link NativeHeap#trim()}.
 *
 * <p>Process-wide and irreversible, so it runs once, at most, and only where {@code mallopt} exists (glibc); the
 * system property {@value #DISABLE_PROPERTY}{@code =false} leaves the allocator alone.
 */
public final class NativeAllocator {

    /** Set to {@code false} to keep the C library's default allocator settings. */
    public static final String DISABLE_PROPERTY = "din.native-allocator.tuning";

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    /** glibc refuses thresholds above HEAP_MAX_SIZE / 2, which is 32 MiB on 64-bit machines. */
    private static final int MMAP_THRESHOLD = 32 << 20;
    private static final int TOP_PAD = 256 << 20;

    private static final AtomicReference<String> OUTCOME = new AtomicReference<>();

    private NativeAllocator() {
    }

    /**
     * Applies the settings once per process.
     *
     * @return what happened, in words: "tuned", or why not (for the logs of the caller)
     */
    public static String tuneForEngineWorkloads() {
        return OUTCOME.updateAndGet(previous -> previous != null ? previous : apply());
    }

    private static String apply() {
        if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
            return "left at the C library's defaults (" + DISABLE_PROPERTY + "=false)";
        }
        Optional<Function> found = CLibrary.function("mallopt");
        if (found.isEmpty()) {
            return "left at the C library's defaults (no mallopt: not glibc)";
        }
        Function mallopt = found.get();
        boolean applied = set(mallopt, M_MMAP_THRESHOLD, MMAP_THRESHOLD)
                & set(mallopt, M_TRIM_THRESHOLD, Integer.MAX_VALUE)
                & set(mallopt, M_TOP_PAD, TOP_PAD);
        return applied ? "tuned (mmap threshold 32 MiB, no trimming, 256 MiB top pad)"
                : "partly tuned (mallopt refused a setting)";
    }

    /** mallopt returns 1 on success and 0 on a refused value. */
    private static boolean set(Function mallopt, int parameter, int value) {
        return mallopt.invokeInt(new Object[] {parameter, value}) == 1;
    }
}
