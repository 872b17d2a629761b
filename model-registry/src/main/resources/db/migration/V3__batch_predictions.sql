-- Batch predictions: a model version scores every row of a dataset version, offline, on a worker.
-- Like training_runs, the table is both the queue the workers claim from (lease, heartbeat, attempts) and the record
-- of what happened. The model version is resolved when the request is accepted (an alias is recorded as the version
-- it pointed at then), so moving the alias later does not change what a queued or resumed prediction scores with.
CREATE TABLE batch_predictions (
    id                 UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    status             VARCHAR(16) NOT NULL
        CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    request            JSONB       NOT NULL,
    model_version_id   BIGINT      NOT NULL REFERENCES model_versions (id),
    dataset_version_id BIGINT      NOT NULL REFERENCES dataset_versions (id),
    lease_holder       VARCHAR(256),
    lease_expires_at   TIMESTAMPTZ,
    heartbeat_at       TIMESTAMPTZ,
    attempts           INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    cancel_requested   BOOLEAN     NOT NULL DEFAULT false,
    rows_total         BIGINT      NOT NULL CHECK (rows_total >= 0),
    rows_scored        BIGINT      NOT NULL DEFAULT 0 CHECK (rows_scored >= 0),
    -- test metrics (auc, gauc, logloss) when the dataset has labels
    metrics            JSONB,
    -- the CSV of scores in the artifact store, once written
    result_sha256      CHAR(64)    CHECK (result_sha256 ~ '^[0-9a-f]{64}$'),
    result_size_bytes  BIGINT      CHECK (result_size_bytes >= 0),
    error              TEXT,
    worker             VARCHAR(256),
    job_execution_id   BIGINT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    -- a prediction succeeds only with its result in the store
    CONSTRAINT batch_predictions_result_when_succeeded CHECK (status <> 'SUCCEEDED' OR result_sha256 IS NOT NULL)
);

-- Claiming reads the oldest queued prediction, or a running one whose lease expired: a small partial index keeps
-- that scan independent of the number of finished predictions.
CREATE INDEX batch_predictions_claimable ON batch_predictions (created_at, lease_expires_at)
    WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX batch_predictions_created ON batch_predictions (created_at DESC);
