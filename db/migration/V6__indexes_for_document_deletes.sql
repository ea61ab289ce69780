-- Replacing or removing a document cascades to the prerequisite edges that name it. Their primary key starts
-- with the course, so without these indexes every deleted document scanned the whole edge table: re-parsing a
-- 100 000-document course took hours instead of minutes.
create index prerequisite_from_idx on prerequisite (from_id);
create index prerequisite_to_idx on prerequisite (to_id);
