-- What checking an external URL found, shared by every course that cites it and kept as a cache: a re-index
-- re-checks only results older than the maximum age. References themselves are the external links of documents
-- and agenda items; they need no table of their own.
create table url_check (
    url           varchar primary key,
    status        varchar not null check (status in ('ok', 'redirected', 'broken', 'error', 'excluded')),
    http_status   integer,
    final_url     text,
    content_type  varchar,
    title         text,
    body_text     text,
    error         text,
    checked_at    timestamp with time zone not null
);
