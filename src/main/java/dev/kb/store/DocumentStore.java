package dev.kb.store;

import static dev.kb.store.jooq.Tables.ASSET;
import static dev.kb.store.jooq.Tables.DOCUMENT;
import static dev.kb.store.jooq.Tables.LINK;
import static dev.kb.store.jooq.Tables.PASSAGE;
import static dev.kb.store.jooq.Tables.SECTION;

import dev.kb.model.CourseFiles;
import dev.kb.model.ParsedDocument;
import dev.kb.model.ParsedDocument.DocumentLink;
import dev.kb.model.TopicIds;
import dev.kb.store.jooq.tables.records.AssetRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/** Documents with their sections, code blocks and links; the only code that reads or writes those tables. */
public final class DocumentStore {
    private final DSLContext dsl;

    public DocumentStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** What is stored of each file: enough to decide whether it must be parsed again. */
    public record StoredVersion(String id, String contentHash, int parserVersion) {
    }

    public Map<String, StoredVersion> versions(String courseId) {
        Map<String, StoredVersion> result = new LinkedHashMap<>();
        dsl.select(DOCUMENT.PATH,
                        DSL.row(DOCUMENT.ID, DOCUMENT.CONTENT_HASH, DOCUMENT.PARSER_VERSION).mapping(StoredVersion::new))
                .from(DOCUMENT)
                .where(DOCUMENT.COURSE_ID.eq(courseId))
                .forEach(r -> result.put(r.value1(), r.value2()));
        return result;
    }

    /**
     * Stores documents (replacing earlier versions at their paths) with a few JDBC batches for all of them, not
     * a few statements for each: the round trips, not the rows, are what a large course waits for.
     */
    public void writeAll(String courseId, List<NewDocument> docs, OffsetDateTime now) {
        if (docs.isEmpty()) {
            return;
        }
        List<String> ids = docs.stream().map(d -> TopicIds.of(courseId, d.path())).toList();
        // A new version keeps its handout verdict until the course-wide check decides again.
        Set<String> handouts = new HashSet<>(dsl.select(DOCUMENT.ID).from(DOCUMENT)
                .where(DOCUMENT.ID.in(ids).and(DOCUMENT.IS_HANDOUT)).fetch(DOCUMENT.ID));
        dsl.deleteFrom(DOCUMENT).where(DOCUMENT.ID.in(ids)).execute();
        List<TableRecord<?>> rows = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            rows.add(DocumentRecords.document(ids.get(i), courseId, docs.get(i), now, handouts.contains(ids.get(i))));
        }
        // Parents first: one batch per table, in this order, keeps the foreign keys satisfied.
        BatchInsert.insert(dsl, rows);
        // JDBC batches, not multi-row statements: a document may carry more links than a statement may bind.
        for (List<TableRecord<?>> children : DocumentRecords.children(ids, docs)) {
            if (!children.isEmpty()) {
                BatchInsert.insert(dsl, children);
            }
        }
    }

    public void delete(String courseId, Collection<String> paths) {
        if (!paths.isEmpty()) {
            dsl.deleteFrom(DOCUMENT).where(DOCUMENT.COURSE_ID.eq(courseId).and(DOCUMENT.PATH.in(paths))).execute();
        }
    }

    public void replaceAssets(String courseId, Map<String, Long> sizes) {
        dsl.deleteFrom(ASSET).where(ASSET.COURSE_ID.eq(courseId)).execute();
        if (sizes.isEmpty()) {
            return;
        }
        List<AssetRecord> records = new ArrayList<>();
        sizes.forEach((path, size) -> records.add(new AssetRecord(courseId, path, size)));
        BatchInsert.insert(dsl, records);
    }

    public List<String> assets(String courseId) {
        return dsl.select(ASSET.PATH).from(ASSET).where(ASSET.COURSE_ID.eq(courseId)).orderBy(ASSET.PATH).fetch(ASSET.PATH);
    }

    /** Whether the last run found this file (not a document) in the course. */
    public boolean hasAsset(String courseId, String path) {
        return dsl.fetchExists(ASSET, ASSET.COURSE_ID.eq(courseId).and(ASSET.PATH.eq(path)));
    }

    /** The file set of an indexed course: what local links are checked against. */
    public CourseFiles files(String courseId) {
        Set<String> documents = new HashSet<>(dsl.select(DOCUMENT.PATH).from(DOCUMENT)
                .where(DOCUMENT.COURSE_ID.eq(courseId)).fetch(DOCUMENT.PATH));
        return new CourseFiles(documents, new HashSet<>(assets(courseId)));
    }

    /** The raw text of every topic of the course, by id: what handout detection compares. */
    public Map<String, String> topicTexts(String courseId) {
        Map<String, String> texts = new LinkedHashMap<>();
        dsl.select(DOCUMENT.ID, DOCUMENT.MARKDOWN).from(DOCUMENT)
                .where(DOCUMENT.COURSE_ID.eq(courseId).and(DOCUMENT.KIND.eq("topic")))
                .orderBy(DOCUMENT.PATH)
                .forEach(r -> texts.put(r.value1(), r.value2()));
        return texts;
    }

    /** The heading anchors of every document of the course, by path: what {@code #fragments} must name. */
    public Map<String, Set<String>> anchors(String courseId) {
        Map<String, Set<String>> anchors = new HashMap<>();
        dsl.select(DOCUMENT.PATH, SECTION.ANCHOR).from(SECTION).join(DOCUMENT).on(DOCUMENT.ID.eq(SECTION.DOCUMENT_ID))
                .where(DOCUMENT.COURSE_ID.eq(courseId).and(SECTION.ANCHOR.isNotNull()))
                .forEach(r -> anchors.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
        return anchors;
    }

    /** The headings, prose and code of every topic of the course, by id. */
    public Map<String, TopicProse> topicProse(String courseId) {
        Map<String, List<String>> headings = new HashMap<>();
        dsl.select(SECTION.DOCUMENT_ID, SECTION.HEADING).from(SECTION).join(DOCUMENT).on(DOCUMENT.ID.eq(SECTION.DOCUMENT_ID))
                .where(DOCUMENT.COURSE_ID.eq(courseId).and(DOCUMENT.KIND.eq("topic")).and(SECTION.HEADING.isNotNull()))
                .orderBy(SECTION.DOCUMENT_ID, SECTION.ORD)
                .forEach(r -> headings.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        Map<String, StringBuilder> code = new HashMap<>();
        dsl.select(SECTION.DOCUMENT_ID, SECTION.CODE_TEXT).from(SECTION).join(DOCUMENT).on(DOCUMENT.ID.eq(SECTION.DOCUMENT_ID))
                .where(DOCUMENT.COURSE_ID.eq(courseId).and(DOCUMENT.KIND.eq("topic")).and(SECTION.CODE_TEXT.ne("")))
                .orderBy(SECTION.DOCUMENT_ID, SECTION.ORD)
                .forEach(r -> code.computeIfAbsent(r.value1(), k -> new StringBuilder()).append(r.value2()).append('\n'));
        Map<String, TopicProse> result = new LinkedHashMap<>();
        dsl.select(DOCUMENT.ID, DOCUMENT.BODY_TEXT).from(DOCUMENT)
                .where(DOCUMENT.COURSE_ID.eq(courseId).and(DOCUMENT.KIND.eq("topic")))
                .forEach(r -> result.put(r.value1(),
                        new TopicProse(List.copyOf(headings.getOrDefault(r.value1(), List.of())), r.value2(),
                                code.getOrDefault(r.value1(), new StringBuilder()).toString())));
        return result;
    }

    /** Sets which documents of the course are handouts; returns the ids whose status changed. */
    public Set<String> markHandouts(String courseId, Set<String> handoutIds) {
        return new HashSet<>(dsl.update(DOCUMENT)
                .set(DOCUMENT.IS_HANDOUT, DOCUMENT.ID.in(handoutIds))
                .where(DOCUMENT.COURSE_ID.eq(courseId).and(DOCUMENT.IS_HANDOUT.ne(DOCUMENT.ID.in(handoutIds))))
                .returningResult(DOCUMENT.ID)
                .fetch(DOCUMENT.ID));
    }

    /** Topics with neither text nor code: a title, headings and images at most. */
    public List<String> emptyTopicIds(String courseId) {
        return dsl.select(DOCUMENT.ID).from(DOCUMENT)
                .where(DOCUMENT.COURSE_ID.eq(courseId).and(DOCUMENT.KIND.eq("topic"))
                        .and(DOCUMENT.BODY_TEXT.eq("")).and(DOCUMENT.CODE_BLOCK_COUNT.eq(0)))
                .fetch(DOCUMENT.ID);
    }

    public int countTopics(String courseId) {
        return dsl.fetchCount(DOCUMENT, DOCUMENT.COURSE_ID.eq(courseId).and(DOCUMENT.KIND.eq("topic")));
    }

    public Optional<DocumentRow> find(String id) {
        return dsl.select(DocumentRecords.ROW).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchOptional(DocumentRecords::row);
    }

    public Optional<DocumentRow> findByPath(String courseId, String path) {
        return dsl.select(DocumentRecords.ROW).from(DOCUMENT)
                .where(DOCUMENT.COURSE_ID.eq(courseId).and(DOCUMENT.PATH.eq(path)))
                .fetchOptional(DocumentRecords::row);
    }

    public List<DocumentRow> list(String courseId) {
        return dsl.select(DocumentRecords.ROW).from(DOCUMENT).where(DOCUMENT.COURSE_ID.eq(courseId)).orderBy(DOCUMENT.PATH)
                .fetch(DocumentRecords::row);
    }

    public List<DocumentRow> byIds(Collection<String> ids) {
        return dsl.select(DocumentRecords.ROW).from(DOCUMENT).where(DOCUMENT.ID.in(ids)).orderBy(DOCUMENT.PATH)
                .fetch(DocumentRecords::row);
    }

    public Optional<String> markdown(String id) {
        return dsl.select(DOCUMENT.MARKDOWN).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchOptional(DOCUMENT.MARKDOWN);
    }

    public List<ParsedDocument.Section> sections(String documentId) {
        return dsl.select(DocumentRecords.section())
                .from(SECTION)
                .where(SECTION.DOCUMENT_ID.eq(documentId))
                .orderBy(SECTION.ORD)
                .fetch(Record1::value1);
    }

    /** Sections of many documents in one query, keyed by document id. */
    public Map<String, List<ParsedDocument.Section>> sections(Collection<String> documentIds) {
        Map<String, List<ParsedDocument.Section>> result = new LinkedHashMap<>();
        dsl.select(SECTION.DOCUMENT_ID, DocumentRecords.section())
                .from(SECTION)
                .where(SECTION.DOCUMENT_ID.in(documentIds))
                .orderBy(SECTION.DOCUMENT_ID, SECTION.ORD)
                .forEach(r -> result.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return result;
    }

    /** A stored passage: its id and what {@link ParsedDocument.Passage} holds. */
    public record StoredPassage(String id, ParsedDocument.Passage passage) {
    }

    /** Passages of many documents in one query, keyed by document id, in order. */
    public Map<String, List<StoredPassage>> passages(Collection<String> documentIds) {
        Map<String, List<StoredPassage>> result = new LinkedHashMap<>();
        dsl.select(PASSAGE.DOCUMENT_ID, PASSAGE.ID, DSL.row(PASSAGE.ORD, PASSAGE.SECTION_ORD, PASSAGE.TEXT,
                        PASSAGE.BODY_TEXT, PASSAGE.CODE_TEXT, PASSAGE.WORD_COUNT).mapping(ParsedDocument.Passage::new))
                .from(PASSAGE)
                .where(PASSAGE.DOCUMENT_ID.in(documentIds))
                .orderBy(PASSAGE.DOCUMENT_ID, PASSAGE.ORD)
                .forEach(r -> result.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new StoredPassage(r.value2(), r.value3())));
        return result;
    }

    public List<DocumentLink> links(String documentId) {
        return dsl.select(LINK.fields()).from(LINK).where(LINK.DOCUMENT_ID.eq(documentId)).orderBy(LINK.ORD)
                .fetch(DocumentRecords::link);
    }

    /** Every link in the course's topic documents (not the agenda), in path and link order. */
    public List<LinkRow> topicLinks(String courseId) {
        return linkRows(DOCUMENT.COURSE_ID.eq(courseId).and(DOCUMENT.KIND.eq("topic")));
    }

    /** Links of other topic documents of the course to this path (or, for a README.md, to its folder). */
    public List<LinkRow> linksTo(String courseId, String path) {
        List<String> targets = new ArrayList<>(List.of(path));
        if (path.equals("README.md") || path.endsWith("/README.md")) {
            targets.add(path.substring(0, Math.max(0, path.length() - "/README.md".length())));
        }
        return linkRows(DOCUMENT.COURSE_ID.eq(courseId).and(DOCUMENT.KIND.eq("topic"))
                .and(LINK.TARGET_PATH.in(targets)).and(LINK.KIND.eq("local")).and(DOCUMENT.PATH.ne(path)));
    }

    private List<LinkRow> linkRows(org.jooq.Condition where) {
        return dsl.select(DOCUMENT.ID, DOCUMENT.PATH, DOCUMENT.TITLE)
                .select(LINK.fields())
                .from(LINK).join(DOCUMENT).on(DOCUMENT.ID.eq(LINK.DOCUMENT_ID))
                .where(where)
                .orderBy(DOCUMENT.PATH, LINK.ORD)
                .fetch(r -> new LinkRow(r.get(DOCUMENT.ID), r.get(DOCUMENT.PATH), r.get(DOCUMENT.TITLE), DocumentRecords.link(r)));
    }
}
