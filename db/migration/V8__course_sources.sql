-- Where each course comes from: a directory, or a git repository (url without credentials, ref, subdirectory), with
-- the commit last indexed and the outcome of the last fetch. No foreign key to course: a course whose first fetch
-- failed has no course row yet, and its source (with the error) is still shown.
create table course_source (
    course_id         varchar primary key,
    kind              varchar not null check (kind in ('directory', 'git')),
    url               varchar,
    ref               varchar,
    subdir            varchar,
    commit_sha        varchar,
    commit_at         timestamp with time zone,
    commit_message    varchar,
    -- The full ref the indexed commit came from (refs/heads/main, refs/tags/v2); null for a commit named by its id.
    commit_ref        varchar,
    fetched_at        timestamp with time zone,
    fetch_error       varchar
);
