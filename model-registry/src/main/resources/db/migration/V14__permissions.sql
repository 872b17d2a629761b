-- Permissions on datasets and models: an owner (the principal that created the resource) and grants of read, write
-- or predict to principals. A principal is written as the API writes it: 'token:<id>' for an API token,
-- 'subject:<name>' for a signed-in user, 'group:<name>' for everyone in a group.
-- Resources registered before this migration keep a NULL owner: every caller may read them (and predict with a
-- model), only an admin may change them or grant on them.
ALTER TABLE datasets ADD COLUMN owner VARCHAR(200) CHECK (owner ~ '^(token|subject):.+');
ALTER TABLE registered_models ADD COLUMN owner VARCHAR(200) CHECK (owner ~ '^(token|subject):.+');

CREATE TABLE dataset_grants (
    dataset_id  BIGINT       NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    grantee     VARCHAR(200) NOT NULL CHECK (grantee ~ '^(token|subject|group):.+'),
    permission  VARCHAR(16)  NOT NULL CHECK (permission IN ('read', 'write', 'predict')),
    granted_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset_id, grantee, permission)
);

CREATE TABLE model_grants (
    model_id    BIGINT       NOT NULL REFERENCES registered_models (id) ON DELETE CASCADE,
    grantee     VARCHAR(200) NOT NULL CHECK (grantee ~ '^(token|subject|group):.+'),
    permission  VARCHAR(16)  NOT NULL CHECK (permission IN ('read', 'write', 'predict')),
    granted_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, grantee, permission)
);

-- Lists are filtered by what a caller may read: find a caller's grants without scanning every resource's.
CREATE INDEX dataset_grants_grantee ON dataset_grants (grantee);
CREATE INDEX model_grants_grantee ON model_grants (grantee);
