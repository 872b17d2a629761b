-- Hyperparameter sweeps: a search over training and architecture fields whose trials are ordinary training runs.
CREATE TABLE sweeps (
    id          UUID         PRIMARY KEY DEFAULT gen_random_uuid(),
    model_name  VARCHAR(128) NOT NULL,
    status      VARCHAR(16)  NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    definition  JSONB        NOT NULL,
    best_run_id UUID         REFERENCES training_runs (id),
    error       TEXT,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ
);

CREATE INDEX sweeps_running ON sweeps (created_at) WHERE status = 'RUNNING';

-- Each trial is one training run: its lineage to the sweep, the parameters the search chose, and whether the
-- early-stopping rule cut it short.
CREATE TABLE sweep_trials (
    sweep_id   UUID    NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
    trial      INTEGER NOT NULL CHECK (trial >= 1),
    run_id     UUID    NOT NULL UNIQUE REFERENCES training_runs (id),
    parameters JSONB   NOT NULL,
    pruned     BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (sweep_id, trial)
);
