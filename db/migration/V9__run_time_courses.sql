-- Courses added at run time (POST /api/v1/courses) are followed again after a restart: their source row says so,
-- and a directory source keeps its path (a git course's checkout lives under the data directory). Courses of the
-- catalog file or the command line are not marked: the next start's own list decides about them.
alter table course_source add column path varchar;
alter table course_source add column added_at_run_time boolean not null default false;
