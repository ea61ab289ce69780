package dev.kb.store;

import static dev.kb.store.jooq.Tables.DOCUMENT;
import static dev.kb.store.jooq.Tables.LINK;
import static dev.kb.store.jooq.Tables.SECTION;

import dev.kb.model.LinkTarget;
import dev.kb.model.ParsedDocument;
import dev.kb.model.ParsedDocument.DocumentLink;
import dev.kb.model.TopicIds;
import dev.kb.store.jooq.tables.records.CodeBlockRecord;
import dev.kb.store.jooq.tables.records.DocumentRecord;
import dev.kb.store.jooq.tables.records.LinkRecord;
import dev.kb.store.jooq.tables.records.PassageRecord;
import dev.kb.store.jooq.tables.records.SectionRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/**
 * How a parsed document and its parts become rows of the document tables, and how rows read back become values.
 * {@link DocumentStore} decides which rows to write and read and in how many round trips; this class only maps.
 */
final class DocumentRecords {
    /** The columns {@link #row} reads. */
    static final SelectField<?>[] ROW = {DOCUMENT.ID, DOCUMENT.COURSE_ID, DOCUMENT.PATH, DOCUMENT.KIND,
            DOCUMENT.TITLE, DOCUMENT.CONTENT_HASH, DOCUMENT.SIZE_BYTES, DOCUMENT.WORD_COUNT,
            DOCUMENT.CODE_BLOCK_COUNT, DOCUMENT.IMAGE_COUNT, DOCUMENT.UPDATED_AT, DOCUMENT.LANGUAGE, DOCUMENT.CATEGORY,
            DOCUMENT.IS_HANDOUT};

    private DocumentRecords() {
    }

    /** A section as its record, selected in one nested row. */
    static SelectField<ParsedDocument.Section> section() {
        return DSL.row(SECTION.ORD, SECTION.LEVEL, SECTION.HEADING, SECTION.ANCHOR, SECTION.BODY_TEXT, SECTION.CODE_TEXT,
                SECTION.WORD_COUNT, SECTION.LANGUAGE, SECTION.LINE).mapping(ParsedDocument.Section::new);
    }

    /** The document's own row; {@code handout} is the verdict it keeps until the course-wide check decides again. */
    static DocumentRecord document(String id, String courseId, NewDocument doc, OffsetDateTime now, boolean handout) {
        ParsedDocument parsed = doc.parsed();
        DocumentRecord row = new DocumentRecord();
        row.setId(id);
        row.setCourseId(courseId);
        row.setPath(doc.path());
        row.setKind(doc.kind());
        row.setTitle(parsed.title());
        row.setContentHash(doc.contentHash());
        row.setParserVersion(doc.parserVersion());
        row.setSizeBytes(doc.sizeBytes());
        row.setMarkdown(doc.markdown());
        row.setBodyText(parsed.bodyText());
        row.setWordCount(parsed.wordCount());
        row.setCodeBlockCount(parsed.codeBlocks().size());
        row.setImageCount((int) parsed.imageCount());
        row.setUpdatedAt(now);
        row.setLanguage(parsed.language());
        row.setCategory(parsed.category());
        row.setIsHandout(handout);
        return row;
    }

    /**
     * The rows of the documents' sections, passages, code blocks and links ({@code ids} the documents' ids, in
     * the same order), one list per table in the order their batches must run.
     */
    static List<List<TableRecord<?>>> children(List<String> ids, List<NewDocument> docs) {
        List<TableRecord<?>> sections = new ArrayList<>();
        List<TableRecord<?>> passages = new ArrayList<>();
        List<TableRecord<?>> codeBlocks = new ArrayList<>();
        List<TableRecord<?>> links = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            String id = ids.get(i);
            ParsedDocument parsed = docs.get(i).parsed();
            for (ParsedDocument.Section s : parsed.sections()) {
                sections.add(new SectionRecord(id, s.ord(), s.level(), s.heading(), s.anchor(), s.bodyText(),
                        s.codeText(), s.wordCount(), s.language(), s.line()));
            }
            Map<String, Integer> repeats = new HashMap<>();
            for (ParsedDocument.Passage p : parsed.passages()) {
                int repeat = repeats.merge(p.text(), 1, Integer::sum) - 1;
                passages.add(new PassageRecord(id, p.ord(), TopicIds.passage(id, p.text(), repeat), p.sectionOrd(),
                        p.text(), p.bodyText(), p.codeText(), p.wordCount()));
            }
            for (ParsedDocument.CodeBlock c : parsed.codeBlocks()) {
                codeBlocks.add(new CodeBlockRecord(id, c.ord(), c.sectionOrd(), c.info(), c.code()));
            }
            for (DocumentLink l : parsed.links()) {
                LinkTarget t = l.target();
                links.add(new LinkRecord(id, l.ord(), l.sectionOrd(), l.image(), l.text(), l.href(), t.kind().dbName(),
                        t.targetPath(), t.fragment(), t.url(), t.problem(), l.line(), l.declared()));
            }
        }
        return List.of(sections, passages, codeBlocks, links);
    }

    static DocumentLink link(Record r) {
        LinkTarget target = new LinkTarget(LinkTarget.Kind.fromDb(r.get(LINK.KIND)), r.get(LINK.TARGET_PATH),
                r.get(LINK.FRAGMENT), r.get(LINK.URL), r.get(LINK.PROBLEM));
        return new DocumentLink(r.get(LINK.ORD), r.get(LINK.SECTION_ORD), r.get(LINK.IS_IMAGE), r.get(LINK.TEXT),
                r.get(LINK.HREF), r.get(LINK.LINE), target, r.get(LINK.DECLARED));
    }

    static DocumentRow row(Record r) {
        return new DocumentRow(r.get(DOCUMENT.ID), r.get(DOCUMENT.COURSE_ID), r.get(DOCUMENT.PATH), r.get(DOCUMENT.KIND),
                r.get(DOCUMENT.TITLE), r.get(DOCUMENT.CONTENT_HASH), r.get(DOCUMENT.SIZE_BYTES),
                r.get(DOCUMENT.WORD_COUNT), r.get(DOCUMENT.CODE_BLOCK_COUNT), r.get(DOCUMENT.IMAGE_COUNT),
                r.get(DOCUMENT.UPDATED_AT), r.get(DOCUMENT.LANGUAGE), r.get(DOCUMENT.CATEGORY), r.get(DOCUMENT.IS_HANDOUT));
    }
}
