-- Datasets encoded into shards for training, one row per encoding key: the SHA-256 of what was encoded (the data's
-- SHA-256) and how (the schema with its vocabulary settings, the split, the shard size, the shard format). Its
-- manifest lists the shards and vocabularies, all in the artifact store. A second run, a resumed attempt or a worker
-- on another host with the same key reads the shards instead of encoding again. A row whose shards turn out missing
-- or corrupt is deleted, and the next attempt encodes again.
CREATE TABLE encoded_datasets (
    encoding_key    CHAR(64)    PRIMARY KEY CHECK (encoding_key ~ '^[0-9a-f]{64}$'),
    data_sha256     CHAR(64)    NOT NULL CHECK (data_sha256 ~ '^[0-9a-f]{64}$'),
    manifest_sha256 CHAR(64)    NOT NULL CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
    rows            BIGINT      NOT NULL CHECK (rows >= 0),
    shards          INTEGER     NOT NULL CHECK (shards >= 0),
    -- how long the encoding took, for the record (a reuse reports its own, much shorter, prepare time)
    encode_millis   BIGINT      NOT NULL CHECK (encode_millis >= 0),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX encoded_datasets_data_sha256 ON encoded_datasets (data_sha256);
