-- The training workers alive now, as each one advertises itself. A worker renews its row every heartbeat and
-- withdraws it when it stops; a row whose expiry passed belongs to a worker that died or lost its database.
-- Claiming reads it: a CPU-only worker leaves a run that asks for a GPU to a live worker that has one.
CREATE TABLE training_workers (
    id          VARCHAR(256) PRIMARY KEY,
    -- what the worker was configured to train on (din.worker.device: AUTO, CPU or GPU)
    device      VARCHAR(16)  NOT NULL CHECK (device IN ('AUTO', 'CPU', 'GPU')),
    -- the GPUs it trains runs on: 0 for a worker that cannot take a run asking for a GPU
    gpus        INTEGER      NOT NULL CHECK (gpus >= 0),
    started_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    seen_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ  NOT NULL
);
