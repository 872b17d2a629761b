package io.dinplatform.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of this JVM's JIT compiler threads, read from {@code /proc/self/task} (Linux): a young JVM keeps
 * compiling for minutes, and on a small machine that work lands in any process-wide CPU figure taken meanwhile. A
 * benchmark subtracts it to show the steady state beside the whole.
 *
 * <p>The compiler starts and stops threads as its queue grows and shrinks; a thread that ended between two readings
 * takes its time with it, so a difference is a lower bound. Times come in the kernel's clock ticks (10 ms: Linux's
 * {@code USER_HZ} is 100 on every common platform).
 */
public final class CompilerThreadsCpu {

    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");

    /** Clock ticks by thread id. */
    private final Map<String, Long> ticks;

    private CompilerThreadsCpu(Map<String, Long> ticks) {
        this.ticks = ticks;
    }

    /** The compiler threads' CPU time so far; empty where /proc is not there. */
    public static CompilerThreadsCpu now() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> read(task, ticks));
        } catch (IOException | RuntimeException e) {
            return new CompilerThreadsCpu(Map.of());
        }
        return new CompilerThreadsCpu(ticks);
    }

    /** The compiler threads' CPU time since {@code before} (threads started since count whole). */
    public long nanosSince(CompilerThreadsCpu before) {
        long total = 0;
        for (Map.Entry<String, Long> thread : ticks.entrySet()) {
            total += thread.getValue() - before.ticks.getOrDefault(thread.getKey(), 0L);
        }
        return total * NANOS_PER_TICK;
    }

    private static void read(Path task, Map<String, Long> ticks) {
        String stat;
        try {
            stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
            return; // the thread ended while the directory was listed
        }
        // "tid (comm) state ...": the name may hold spaces and parentheses, so it ends at the last ')'
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            return;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the name: state is field 0, utime field 11, stime field 12 (proc(5) numbers them 3, 14 and 15)
        ticks.put(task.getFileName().toString(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }
}
