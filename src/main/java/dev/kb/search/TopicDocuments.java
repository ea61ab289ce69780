package dev.kb.search;

import dev.kb.ingest.ParsedDocument;
import dev.kb.store.DocumentRow;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/** Builds the Lucene documents of one topic: the topic itself and one per section. */
final class TopicDocuments {
    private TopicDocuments() {
    }

    static List<Document> of(DocumentRow topic, List<ParsedDocument.Section> sections) {
        List<Document> docs = new ArrayList<>(sections.size() + 1);
        StringBuilder headings = new StringBuilder();
        StringBuilder body = new StringBuilder();
        StringBuilder code = new StringBuilder();
        for (ParsedDocument.Section s : sections) {
            // The title heading is already the title field; counting it again as a heading would double it.
            if (s.heading() != null && !(s.level() == 1 && s.heading().equals(topic.title()))) {
                headings.append(s.heading()).append('\n');
            }
            body.append(s.bodyText()).append("\n\n");
            code.append(s.codeText()).append('\n');
        }
        Document doc = common(topic, topic.id(), IndexFields.TYPE_TOPIC);
        doc.add(new TextField(IndexFields.TITLE, topic.title(), Field.Store.YES));
        doc.add(new TextField(IndexFields.PATH_TEXT, topic.path(), Field.Store.NO));
        doc.add(new TextField(IndexFields.HEADINGS, headings.toString(), Field.Store.NO));
        doc.add(new TextField(IndexFields.BODY, body.toString(), Field.Store.NO));
        doc.add(new TextField(IndexFields.CODE, code.toString(), Field.Store.NO));
        docs.add(doc);
        for (ParsedDocument.Section s : sections) {
            Document section = common(topic, topic.id() + "#" + s.ord(), IndexFields.TYPE_SECTION);
            section.add(new StoredField(IndexFields.SECTION_ORD, s.ord()));
            section.add(new NumericDocValuesField(IndexFields.SECTION_ORD, s.ord()));
            if (s.anchor() != null) {
                section.add(new StoredField(IndexFields.ANCHOR, s.anchor()));
            }
            // Stored because the snippet is cut from the section's own text.
            section.add(new TextField(IndexFields.HEADING, s.heading() == null ? "" : s.heading(), Field.Store.YES));
            section.add(new TextField(IndexFields.BODY, s.bodyText(), Field.Store.YES));
            section.add(new TextField(IndexFields.CODE, s.codeText(), Field.Store.YES));
            docs.add(section);
        }
        return docs;
    }

    private static Document common(DocumentRow topic, String key, String type) {
        Document doc = new Document();
        doc.add(new StringField(IndexFields.KEY, key, Field.Store.YES));
        doc.add(new StringField(IndexFields.TOPIC, topic.id(), Field.Store.YES));
        doc.add(new StringField(IndexFields.COURSE, topic.courseId(), Field.Store.YES));
        doc.add(new StringField(IndexFields.TYPE, type, Field.Store.NO));
        doc.add(new StringField(IndexFields.PATH, topic.path(), Field.Store.YES));
        return doc;
    }
}
