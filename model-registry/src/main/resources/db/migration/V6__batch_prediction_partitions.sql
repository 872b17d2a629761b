-- Batch predictions scored in partitions: a prediction splits its dataset version's rows into contiguous ranges,
-- and any live worker scores any range. Like batch_predictions, the partitions table is both the queue the workers
-- claim from (lease, heartbeat, attempts) and the record of each partition: its rows scored so far and, once it is
-- scored, its part of the result in the artifact store. The prediction's result is its parts in partition order.
ALTER TABLE batch_predictions ADD COLUMN partitions INTEGER NOT NULL DEFAULT 1
    CHECK (partitions BETWEEN 1 AND 1024);

CREATE TABLE batch_prediction_partitions (
    -- a new id every time the partition is handed out again (a resumed prediction), so that a worker still scoring
    -- the abandoned copy finds its lease gone
    id                UUID        PRIMARY KEY,
    prediction_id     UUID        NOT NULL REFERENCES batch_predictions (id) ON DELETE CASCADE,
    partition_index   INTEGER     NOT NULL CHECK (partition_index >= 0),
    first_row         BIGINT      NOT NULL CHECK (first_row >= 0),
    row_count         BIGINT      NOT NULL CHECK (row_count >= 0),
    -- the Spring Batch step execution that scores it, in the prediction's job execution
    job_execution_id  BIGINT      NOT NULL,
    step_execution_id BIGINT      NOT NULL,
    status            VARCHAR(16) NOT NULL
        CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    lease_holder      VARCHAR(256),
    lease_expires_at  TIMESTAMPTZ,
    heartbeat_at      TIMESTAMPTZ,
    attempts          INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    cancel_requested  BOOLEAN     NOT NULL DEFAULT false,
    rows_scored       BIGINT      NOT NULL DEFAULT 0 CHECK (rows_scored >= 0),
    part_sha256       CHAR(64)    CHECK (part_sha256 ~ '^[0-9a-f]{64}$'),
    part_size_bytes   BIGINT      CHECK (part_size_bytes >= 0),
    error             TEXT,
    worker            VARCHAR(256),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    CONSTRAINT batch_prediction_partitions_one_per_index UNIQUE (prediction_id, partition_index),
    CONSTRAINT batch_prediction_partitions_part_when_succeeded CHECK (status <> 'SUCCEEDED' OR part_sha256 IS NOT NULL)
);

CREATE INDEX batch_prediction_partitions_claimable ON batch_prediction_partitions (created_at, lease_expires_at)
    WHERE status IN ('QUEUED', 'RUNNING');
