-- The coverage report of a course, computed once for the index run and the link checks it reflects and served
-- from here until either changes: computing it costs seconds of CPU on a large course (a search per agenda gap,
-- every broken link compared with every file), too much to spend on every request. Shared by every kb on this
-- database. report_version names the shape and computation of the report; another version is computed again.
create table coverage_report (
    course_id       varchar primary key references course (id) on delete cascade,
    run_id          bigint not null,
    link_checks     bigint not null,
    report_version  integer not null,
    computed_at     timestamp with time zone not null,
    report          jsonb not null
);

-- Counts finished link checks: the coverage report shows what the last checks found, which changes without an
-- index run (url_check is shared by every course, so one count serves them all).
create table link_check_generation (
    id          integer primary key check (id = 1),
    generation  bigint not null
);
insert into link_check_generation (id, generation) values (1, 0);
