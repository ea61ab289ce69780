-- Background jobs (index runs asked for over the API, webhook syncs), shared by every kb process on the database:
-- any of them answers for a job, and a job outlives a restart. The process that runs a job (owner) holds it by a
-- lease it renews; a job left queued or running after its lease ended belongs to a process that died, and
-- whichever process notices records it as failed. Times of the lease are PostgreSQL's own (now()), so the
-- processes' clocks need not agree.
create table job (
    id              varchar primary key,
    kind            varchar not null,
    course_id       varchar not null,
    state           varchar not null check (state in ('queued', 'running', 'succeeded', 'failed')),
    owner           varchar not null,
    lease_until     timestamp with time zone not null,
    progress_phase  varchar,
    progress_done   integer,
    progress_total  integer,
    submitted_at    timestamp with time zone not null,
    started_at      timestamp with time zone,
    finished_at     timestamp with time zone,
    run_id          bigint,
    files_scanned   integer,
    files_parsed    integer,
    files_unchanged integer,
    files_removed   integer,
    issues          integer,
    error           varchar
);
create index job_unfinished on job (owner) where finished_at is null;
create index job_finished_at on job (finished_at);

-- Each webhook delivery acted on, once: a forge may deliver one push to several kb processes (behind a load
-- balancer, or redelivered), and the first to record its id starts the sync; the others answer "duplicate".
create table webhook_delivery (
    forge        varchar not null,
    delivery_id  varchar not null,
    received_at  timestamp with time zone not null,
    primary key (forge, delivery_id)
);

-- The last webhook deliveries that concerned each course (its repository was pushed to, or claimed to be), with
-- what kb did: so a trainer can see why a push did not arrive (wrong secret, another branch, a duplicate).
create table course_delivery (
    id           bigserial primary key,
    course_id    varchar not null,
    received_at  timestamp with time zone not null,
    forge        varchar not null,
    delivery_id  varchar,
    event        varchar not null,
    ref          varchar,
    commit_sha   varchar,
    result       varchar not null,
    message      varchar not null,
    job_id       varchar
);
create index course_delivery_course on course_delivery (course_id, id);

-- What each published run changed in the search documents: the topics to write again and those to delete, or a
-- rebuild of the course. Another process following the run applies just these when its search index holds the run
-- before; a run without a row (published by an older kb) makes it rebuild the course from the documents.
create table index_run_change (
    run_id   bigint primary key references index_run (id) on delete cascade,
    rebuild  boolean not null,
    changed  varchar[] not null,
    removed  varchar[] not null
);
