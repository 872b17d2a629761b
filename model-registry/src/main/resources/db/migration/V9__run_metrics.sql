-- The metric history of training runs: one row per metric and step, written by the worker in batches as the run
-- trains, so a finished run keeps its curves. A resumed attempt repeats steps after its checkpoint: the row of a
-- step is replaced, never duplicated.
CREATE TABLE run_metrics (
    run_id      UUID             NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
    name        VARCHAR(64)      NOT NULL,
    step        BIGINT           NOT NULL,
    epoch       INTEGER,
    value       DOUBLE PRECISION NOT NULL,
    recorded_at TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (run_id, name, step)
);
