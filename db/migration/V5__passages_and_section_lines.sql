-- Where each section starts in its file (1-based line of its heading; 1 for the text before the first heading):
-- a section's markdown is read back from the document's markdown by these lines.
alter table section add column line integer not null default 1;

-- Passages: a topic's text cut into chunks of about 150-250 words at section, paragraph and code-block
-- boundaries (a code block is never split), for retrieval-augmented answers. The id is derived from the
-- topic and the passage's text, so it survives re-indexing while the text is unchanged.
create table passage (
    document_id  varchar not null references document (id) on delete cascade,
    ord          integer not null,
    id           varchar not null unique,
    section_ord  integer not null,
    text         text not null,
    body_text    text not null,
    code_text    text not null,
    word_count   integer not null,
    primary key (document_id, ord)
);
