-- The feedback on a span of served time, counted without reading the span's day: the online gauges compare the
-- last complete hour's tally (reports, clicks, latest arrival) every refresh to know whether its figures changed.
-- The included columns let the tally be answered from the index alone.
CREATE INDEX impression_feedback_by_served_at ON impression_feedback (served_at) INCLUDE (clicked, received_at);
