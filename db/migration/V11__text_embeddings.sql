-- Embedding vectors of the texts kb searches by meaning (passages with their title and heading), keyed by the
-- model and a hash of the embedded text: a rebuild, an unchanged file or the same text in another course never
-- embeds again. Vectors are little-endian float32, as many as the model has dimensions. Rows no passage uses any
-- more stay (1.5 KB each) and are found again when the text returns; nothing prunes them yet.
create table text_embedding (
    model      varchar not null,
    text_hash  varchar not null,
    vector     bytea   not null,
    primary key (model, text_hash)
);
