-- API tokens. A client presents the token text "din_<id>_<secret>"; the catalog keeps only the SHA-256 of that
-- text, so a copy of this table (a backup, a dump) holds no usable token. The id is public: it names a token in
-- lists and in the dashboard, and finds its row without comparing secrets in SQL.
CREATE TABLE api_tokens (
    id            VARCHAR(16)  PRIMARY KEY CHECK (id ~ '^[0-9a-f]{12}$'),
    name          VARCHAR(128) NOT NULL,
    token_sha256  CHAR(64)     NOT NULL CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    scopes        TEXT[]       NOT NULL
        CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'write', 'predict', 'admin']),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- updated at most about once a minute per token, so that authenticating is not a write per request
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);

CREATE INDEX api_tokens_created ON api_tokens (created_at DESC);
