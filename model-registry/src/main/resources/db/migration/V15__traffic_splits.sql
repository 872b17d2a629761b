-- Traffic splits and shadow versions of an alias.
-- An alias keeps pointing at one version in model_aliases (its first arm): everything that reads an alias as one
-- version goes on working. An alias split over several versions also has one row per arm here, in the order given;
-- an alias without rows here sends all of its traffic to model_aliases.model_version_id.
CREATE TABLE model_alias_arms (
    model_id         BIGINT      NOT NULL,
    alias            VARCHAR(64) NOT NULL,
    position         INTEGER     NOT NULL CHECK (position >= 0),
    model_version_id BIGINT      NOT NULL REFERENCES model_versions (id),
    weight           INTEGER     NOT NULL CHECK (weight > 0),
    PRIMARY KEY (model_id, alias, position),
    CONSTRAINT model_alias_arms_one_per_version UNIQUE (model_id, alias, model_version_id),
    FOREIGN KEY (model_id, alias) REFERENCES model_aliases (model_id, alias) ON DELETE CASCADE
);

-- A version that scores the alias's requests after they are answered, for the log only.
ALTER TABLE model_aliases ADD COLUMN shadow_version_id BIGINT REFERENCES model_versions (id);

-- A shadow version's score of a served impression: the id of the impression it shadows (whose feedback labels it;
-- both share served_at, and so the partition). Null for what serving returned.
ALTER TABLE impressions ADD COLUMN shadow_of UUID;
