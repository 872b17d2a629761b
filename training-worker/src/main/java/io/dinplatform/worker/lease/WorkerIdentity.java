package io.dinplatform.worker.lease;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name a worker claims runs under and that a run records as the worker that ran it: host and process id by
 * default ({@code gpu-node-3:41822}), unique across the machines that share the queue.
 *
 * @param id the name
 */
public record WorkerIdentity(String id) {

    public WorkerIdentity {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a worker id must not be blank");
        }
    }

    /** The configured id, or host:pid when none is configured. */
    public static WorkerIdentity of(String configured) {
        return configured == null || configured.isBlank()
                ? new WorkerIdentity(hostName() + ":" + ProcessHandle.current().pid())
                : new WorkerIdentity(configured);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
