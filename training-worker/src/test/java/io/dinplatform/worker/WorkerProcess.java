package io.dinplatform.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A training worker in a process of its own (a {@link PlatformProcess} running the worker application), configured
 * only through environment variables, as a container of the compose stack is.
 */
public final class WorkerProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Training worker (\\S+) started");

    private final PlatformProcess process;
    private volatile String id;

    private WorkerProcess(PlatformProcess process) {
        this.process = process;
    }

    /** Starts the worker application from this JVM's class path; see {@link PlatformProcess#start}. */
    public static WorkerProcess start(String name, Map<String, String> environment, Path workDirectory)
            throws IOException {
        return start(name, environment, workDirectory, System.getProperty("java.class.path"));
    }

    /**
     * As {@link #start(String, Map, Path)}, on the given class path: a test of a module built on the worker leaves
     * its own classes out (see {@link #classPathWithout}), as the worker's image has none of them.
     */
    public static WorkerProcess start(String name, Map<String, String> environment, Path workDirectory,
            String classPath) throws IOException {
        return new WorkerProcess(PlatformProcess.start(name, TrainingWorkerApplication.class, environment,
                workDirectory, classPath));
    }

    /** See {@link PlatformProcess#classPathWithout}. */
    public static String classPathWithout(Class<?>... classes) {
        return PlatformProcess.classPathWithout(classes);
    }

    /** Waits until the worker polls the queue (its application context is up) and learns the id it claims under. */
    public WorkerProcess awaitReady(Duration timeout) {
        id = process.awaitLogLine(STARTED, timeout);
        return this;
    }

    /** The id the worker claims runs under (its default, host:pid, as in a container); known once ready. */
    public String id() {
        if (id == null) {
            throw new IllegalStateException("worker " + process.name() + " is not ready yet");
        }
        return id;
    }

    /** SIGKILL: no shutdown hook, no last write, exactly what the OOM killer or a power cut does. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    public String logText() throws IOException {
        return process.logText();
    }

    public String tail() {
        return process.tail();
    }

    public Path log() {
        return process.log();
    }

    /** SIGTERM and wait: the worker stops at a mini-batch boundary and leaves its run resumable. */
    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
