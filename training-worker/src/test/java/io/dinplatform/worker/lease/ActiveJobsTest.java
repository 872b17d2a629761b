package io.dinplatform.worker.lease;

import java.util.UUID;

import io.dinplatform.registry.run.RunLease;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared bookkeeping of a worker's active leased jobs and their stop signals, for any kind of job. */
class ActiveJobsTest {

    private record Job(LeaseControl<RunLease> control) implements ActiveJob {
    }

    private static final class Jobs extends ActiveJobs<Job> {

        Jobs() {
            super("test job");
        }

        Job open() {
            return register(new Job(new LeaseControl<>(new RunLease(UUID.randomUUID(), "worker-1", 1))));
        }
    }

    @Test
    void aShutdownStopsTheActiveJobsAndEveryLaterOneUntilTheWorkerResumes() {
        Jobs jobs = new Jobs();
        Job running = jobs.open();

        jobs.requestShutdown();
        Job claimedDuringShutdown = jobs.open();

        assertThat(running.control().stopReason()).contains(StopReason.WORKER_SHUTDOWN);
        assertThat(claimedDuringShutdown.control().stopReason()).contains(StopReason.WORKER_SHUTDOWN);
        assertThat(jobs.isShuttingDown()).isTrue();

        jobs.resume();
        assertThat(jobs.isShuttingDown()).isFalse();
        assertThat(jobs.open().control().shouldStop()).isFalse();
    }

    @Test
    void aJobIsFoundByItsLeasedIdUntilItIsClosed() {
        Jobs jobs = new Jobs();
        Job job = jobs.open();
        UUID id = job.control().lease().jobId();

        assertThat(jobs.require(id)).isSameAs(job);
        jobs.close(job);

        assertThat(jobs.find(id)).isEmpty();
        assertThatThrownBy(() -> jobs.require(id))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test job " + id + " is not held by this worker");
    }

    @Test
    void aLostLeaseOutranksACancellationWhichOutranksAShutdown() {
        LeaseControl<RunLease> control = new LeaseControl<>(new RunLease(UUID.randomUUID(), "worker-1", 1));
        assertThat(control.stopReason()).isEmpty();

        control.requestShutdown();
        assertThat(control.stopReason()).contains(StopReason.WORKER_SHUTDOWN);
        control.requestCancel();
        assertThat(control.stopReason()).contains(StopReason.CANCEL_REQUESTED);
        control.leaseLost();
        assertThat(control.stopReason()).contains(StopReason.LEASE_LOST);
    }
}
