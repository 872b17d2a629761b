-- A ranking's context (the user's features and histories) stored once, instead of in every logged candidate's row:
-- with two 50-item histories the context is most of an impression's features, so a ranking of 200 candidates used
-- to store it 200 times. A ranked candidate's impression keeps only the candidate's own features and names its
-- context; readers merge the two, the candidate's features over the context's.
--
-- A ranking's impressions and its context share served_at (their ids are of the same millisecond), so the context
-- lives in the same day's partition as its candidates and goes with them when the retention drops the day. There is
-- no foreign key: the log is written in batches off the request path, and a context written without its candidates
-- (the queue dropped them) harms nothing and is dropped with its day.
CREATE TABLE impression_contexts (
    id         UUID        NOT NULL,
    served_at  TIMESTAMPTZ NOT NULL,
    features   JSONB       NOT NULL,
    PRIMARY KEY (id, served_at)
) PARTITION BY RANGE (served_at);

-- The ranking's context of a ranked candidate's impression; null for a predicted instance (its features are whole).
ALTER TABLE impressions ADD COLUMN context_id UUID;

-- The days that already have impressions get their context partitions now; later days get all three at once.
DO $$
DECLARE
    day DATE;
BEGIN
    FOR day IN
        SELECT to_date(substr(child.relname, length('impressions_') + 1), 'YYYYMMDD')
        FROM pg_inherits
        JOIN pg_class child ON child.oid = pg_inherits.inhrelid
        JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
        WHERE parent.relname = 'impressions' AND parent.relnamespace = current_schema()::regnamespace
          AND child.relname ~ '^impressions_[0-9]{8}$'
    LOOP
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF impression_contexts FOR VALUES FROM (%L) TO (%L)',
                       'impression_contexts_' || to_char(day, 'YYYYMMDD'),
                       to_char(day, 'YYYY-MM-DD') || 'T00:00:00Z', to_char(day + 1, 'YYYY-MM-DD') || 'T00:00:00Z');
    END LOOP;
END $$;
