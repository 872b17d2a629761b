-- The items table of a dataset version: what its item ids mean to a person (a title, a category, further columns
-- kept as a JSON object), from the items file of a build or the items part of an upload. It is written in the same
-- transaction as the version, so a version has all its items or none. An id is the value the samples file holds,
-- the one a model trained on the version names the item by. dataset_versions.items counts them, so listing
-- versions never counts rows.
ALTER TABLE dataset_versions ADD COLUMN items INTEGER NOT NULL DEFAULT 0 CHECK (items >= 0);

CREATE TABLE dataset_items (
    dataset_version_id BIGINT  NOT NULL REFERENCES dataset_versions (id) ON DELETE CASCADE,
    -- the item's place in the items file, which is the order of a page
    position           INTEGER NOT NULL CHECK (position >= 0),
    item_id            TEXT    NOT NULL,
    title              TEXT,
    category           TEXT,
    attributes         JSONB   NOT NULL DEFAULT '{}',
    PRIMARY KEY (dataset_version_id, item_id),
    UNIQUE (dataset_version_id, position)
);
