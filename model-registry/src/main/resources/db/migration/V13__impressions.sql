-- What serving answered: one row per scored instance or ranked candidate ("impression"), and the clicks reported
-- for them. Both tables are partitioned by the day the impression was served (UTC), so that retention drops whole
-- partitions instead of deleting rows. An impression id is a UUID of version 7, whose first 48 bits are the serving
-- time in milliseconds: feedback finds the impression's partition from its id alone.
CREATE TABLE impressions (
    id             UUID         NOT NULL,
    served_at      TIMESTAMPTZ  NOT NULL,
    model_name     VARCHAR(128) NOT NULL,
    model_version  INTEGER      NOT NULL CHECK (model_version > 0),
    -- the alias (or split arm) that chose the version; null when the request named the version
    arm            VARCHAR(64),
    score          REAL         NOT NULL,
    group_id       VARCHAR(256),
    -- the instance's features as the client sent them (for a ranked candidate: the context and the candidate)
    features       JSONB        NOT NULL,
    -- the features whose id the model did not know (scored with their unknown row), for drift
    unknown_features VARCHAR(128)[] NOT NULL DEFAULT '{}',
    latency_micros INTEGER      NOT NULL CHECK (latency_micros >= 0),
    PRIMARY KEY (id, served_at)
) PARTITION BY RANGE (served_at);

CREATE INDEX impressions_by_model ON impressions (model_name, served_at);

-- The latest report per impression: a click may follow an earlier "not clicked".
CREATE TABLE impression_feedback (
    impression_id UUID        NOT NULL,
    served_at     TIMESTAMPTZ NOT NULL,
    clicked       BOOLEAN     NOT NULL,
    reported_at   TIMESTAMPTZ NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (impression_id, served_at)
) PARTITION BY RANGE (served_at);

-- Which share of a model's served instances is logged; a model without a row logs at the platform's default rate.
CREATE TABLE impression_sampling (
    model_name  VARCHAR(128) PRIMARY KEY REFERENCES registered_models (name) ON DELETE CASCADE,
    sample_rate REAL         NOT NULL CHECK (sample_rate >= 0 AND sample_rate <= 1),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
