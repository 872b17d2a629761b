-- The catalog: datasets, registered models and training runs.
-- JSON documents (schemas, statistics, metrics, parameters, run requests) are stored as jsonb that the catalog
-- does not interpret: their meaning belongs to din-core and the API.

-- A named dataset; its content lives in immutable, numbered versions.
CREATE TABLE datasets (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        VARCHAR(128) NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE dataset_versions (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset_id  BIGINT       NOT NULL REFERENCES datasets (id),
    version     INTEGER      NOT NULL CHECK (version > 0),
    sha256      CHAR(64)     NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes  BIGINT       NOT NULL CHECK (size_bytes >= 0),
    rows        BIGINT       NOT NULL CHECK (rows >= 0),
    schema      JSONB        NOT NULL,
    statistics  JSONB        NOT NULL,
    -- how the version came to be: an upload (original file name) or a build (protocol and options)
    origin      JSONB        NOT NULL DEFAULT '{}'::jsonb,
    storage_key VARCHAR(256) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT dataset_versions_number_unique UNIQUE (dataset_id, version)
);

CREATE INDEX dataset_versions_sha256 ON dataset_versions (sha256);

-- A model name under which training runs register numbered versions.
CREATE TABLE registered_models (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        VARCHAR(128) NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- A training run: the queue the workers claim from and the record of what happened.
CREATE TABLE training_runs (
    id                 UUID         PRIMARY KEY DEFAULT gen_random_uuid(),
    model_name         VARCHAR(128) NOT NULL,
    status             VARCHAR(16)  NOT NULL
        CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    request            JSONB        NOT NULL,
    dataset_version_id BIGINT       NOT NULL REFERENCES dataset_versions (id),
    lease_holder       VARCHAR(256),
    lease_expires_at   TIMESTAMPTZ,
    heartbeat_at       TIMESTAMPTZ,
    attempts           INTEGER      NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    cancel_requested   BOOLEAN      NOT NULL DEFAULT false,
    progress           JSONB,
    metrics            JSONB,
    error              TEXT,
    device             VARCHAR(64),
    worker             VARCHAR(256),
    job_execution_id   BIGINT,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ
);

-- Claiming reads the oldest queued run, or a running one whose lease expired: a small partial index keeps that
-- scan independent of the number of finished runs.
CREATE INDEX training_runs_claimable ON training_runs (created_at, lease_expires_at)
    WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX training_runs_created ON training_runs (created_at DESC);

CREATE TABLE model_versions (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id           BIGINT      NOT NULL REFERENCES registered_models (id),
    version            INTEGER     NOT NULL CHECK (version > 0),
    run_id             UUID        REFERENCES training_runs (id),
    dataset_version_id BIGINT      REFERENCES dataset_versions (id),
    bundle_sha256      CHAR(64)    NOT NULL CHECK (bundle_sha256 ~ '^[0-9a-f]{64}$'),
    metrics            JSONB       NOT NULL DEFAULT '{}'::jsonb,
    parameters         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT model_versions_number_unique UNIQUE (model_id, version)
);

-- A run registers at most one version: a worker that resumes a run after a crash cannot register it twice.
CREATE UNIQUE INDEX model_versions_one_per_run ON model_versions (run_id) WHERE run_id IS NOT NULL;

ALTER TABLE training_runs ADD COLUMN model_version_id BIGINT REFERENCES model_versions (id);

-- A movable name (e.g. production) for one version of a model.
CREATE TABLE model_aliases (
    model_id         BIGINT      NOT NULL REFERENCES registered_models (id),
    alias            VARCHAR(64) NOT NULL,
    model_version_id BIGINT      NOT NULL REFERENCES model_versions (id),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, alias)
);

-- Progress and metric points of a run, in order, for live views (server-sent events) and charts.
CREATE TABLE run_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      UUID        NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
    type        VARCHAR(32) NOT NULL,
    payload     JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX run_events_by_run ON run_events (run_id, id);
