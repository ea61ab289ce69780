-- Prerequisites are inferred from several kinds of evidence; each edge keeps all of its reasons.
-- Links can be declared prerequisites (front matter `prerequisites:`, or a "Prerequisites" section).
alter table link add column declared boolean not null default false;

/* [jooq ignore start] */
alter table prerequisite drop constraint prerequisite_kind_check;
/* [jooq ignore stop] */
alter table prerequisite add constraint prerequisite_kind_known
    check (kind in ('declared', 'sequence', 'agenda', 'link', 'mention'));

create table prerequisite_reason (
    course_id  varchar not null,
    from_id    varchar not null,
    to_id      varchar not null,
    ord        integer not null,
    kind       varchar not null check (kind in ('declared', 'sequence', 'agenda', 'link', 'mention')),
    weight     double precision not null,
    detail     text not null,
    primary key (course_id, from_id, to_id, ord),
    foreign key (course_id, from_id, to_id) references prerequisite (course_id, from_id, to_id) on delete cascade
);
