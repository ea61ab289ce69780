-- What search needs to know about a document beyond its text: the language it is written in, what kind of
-- material it is, and whether it is a compiled handout (mostly other documents' text).
alter table document add column language varchar not null default 'unknown';
alter table document add column category varchar not null default 'reference';
alter table document add column is_handout boolean not null default false;
alter table section add column language varchar not null default 'unknown';
