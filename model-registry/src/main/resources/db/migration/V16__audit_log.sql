-- The audit log: one row per change made to the platform (a dataset registered, a run queued, a version
-- registered, an alias moved, a token created...), with who made it, what it was, on which resource, when, and how
-- it ended. Refused attempts at a change are recorded too (outcome REFUSED with the HTTP status). No request body and
-- no token text is ever stored: resources are named by their names and ids only.
CREATE TABLE audit_log (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- token:<id>, subject:<name>, worker:<id>, system, or anonymous (a refused request without a valid token)
    principal     VARCHAR(300) NOT NULL,
    action        VARCHAR(64)  NOT NULL,
    resource_type VARCHAR(64)  NOT NULL,
    -- the resource's name or id; null when a refused request never named one (e.g. a refused upload)
    resource      VARCHAR(300),
    -- what else identifies the change (e.g. "version 3", "alias production"), never a request body
    detail        VARCHAR(300),
    outcome       VARCHAR(8)   NOT NULL CHECK (outcome IN ('SUCCESS', 'REFUSED', 'FAILED')),
    -- the HTTP status that answered the change; null for changes made outside a request (the worker's)
    status        SMALLINT     CHECK (status BETWEEN 100 AND 599)
);

-- Pages are read newest first by id (keyset paging), filtered by who or by resource; retention deletes by time.
CREATE INDEX audit_log_by_principal ON audit_log (principal, id DESC);
CREATE INDEX audit_log_by_resource ON audit_log (resource_type, resource, id DESC);
CREATE INDEX audit_log_by_time ON audit_log (recorded_at);

-- Who queued a run (the same principal strings), so that the version its worker registers is recorded in their name.
-- Runs queued before this column existed have none.
ALTER TABLE training_runs ADD COLUMN requested_by VARCHAR(300);
