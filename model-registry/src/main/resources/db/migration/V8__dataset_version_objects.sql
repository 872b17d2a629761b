-- A dataset version registered by reference: its data stays where the client named it (objects in the object
-- storage of the artifact store, or files below the directory that din.datasets.references.local-directory allows),
-- read in order as one samples file. Each object is pinned by the SHA-256 and the size measured when the version was
-- registered; a reader that finds either changed refuses the object. Such a version has no artifact of its own: its
-- sha256 is the SHA-256 of the list of its objects (so the same objects give the same shards), its storage_key null.
ALTER TABLE dataset_versions ALTER COLUMN storage_key DROP NOT NULL;

CREATE TABLE dataset_version_objects (
    dataset_version_id BIGINT        NOT NULL REFERENCES dataset_versions (id) ON DELETE CASCADE,
    position           INTEGER       NOT NULL CHECK (position >= 0),
    -- s3://bucket/key or local:path/below/the/allowed/directory
    location           VARCHAR(2048) NOT NULL,
    sha256             CHAR(64)      NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes         BIGINT        NOT NULL CHECK (size_bytes >= 0),
    PRIMARY KEY (dataset_version_id, position)
);
