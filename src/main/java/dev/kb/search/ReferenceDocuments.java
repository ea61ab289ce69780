package dev.kb.search;

import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FloatDocValuesField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

/**
 * The search document of an external page a course cites: its title and readable text, and the course's own link
 * texts for it, so a search finds what a referenced article says. It ranks after every topic and handout.
 */
final class ReferenceDocuments {
    /** The stored text a snippet is cut from; the page is indexed in full. */
    private static final int STORED_CHARS = 20_000;

    private ReferenceDocuments() {
    }

    /** What is known of one cited page. */
    record Page(String id, String url, String title, String text, List<String> linkTexts, List<Citation> citedBy) {
    }

    /** A topic that links the page. */
    record Citation(String topicId, String path) {
        String stored() {
            return topicId + "\t" + path;
        }

        static Citation parse(String stored) {
            int tab = stored.indexOf('\t');
            return new Citation(stored.substring(0, tab), stored.substring(tab + 1));
        }
    }

    static Document of(String courseId, Page page) {
        Document doc = new Document();
        String key = "ref:" + page.id();
        doc.add(new StringField(IndexFields.KEY, courseId + ":" + key, Field.Store.NO));
        doc.add(new StringField(IndexFields.TOPIC, key, Field.Store.NO));
        doc.add(new SortedDocValuesField(IndexFields.TOPIC, new BytesRef(key)));
        TopicDocuments.keyword(doc, IndexFields.COURSE, courseId);
        TopicDocuments.keyword(doc, IndexFields.EXTERNAL, "true");
        doc.add(new StringField(IndexFields.TYPE, IndexFields.TYPE_REFERENCE, Field.Store.NO));
        doc.add(new StoredField(IndexFields.REFERENCE, page.id()));
        doc.add(new StoredField(IndexFields.URL, page.url()));
        String title = page.title() != null ? page.title() : page.linkTexts().isEmpty() ? page.url() : page.linkTexts().get(0);
        doc.add(new StoredField(IndexFields.TITLE, title));
        page.citedBy().forEach(c -> doc.add(new StoredField(IndexFields.CITED_BY, c.stored())));
        String text = page.text() == null ? "" : page.text();
        doc.add(new StoredField(IndexFields.BODY, text.length() > STORED_CHARS ? text.substring(0, STORED_CHARS) : text));
        TopicDocuments.text(doc, IndexFields.Text.EXTERNAL_TITLE, title + "\n" + String.join("\n", page.linkTexts()));
        TopicDocuments.text(doc, IndexFields.Text.EXTERNAL_BODY, text);
        doc.add(new NumericDocValuesField(IndexFields.TIER, IndexFields.TIER_EXTERNAL));
        doc.add(new FloatDocValuesField(IndexFields.PRIOR, 1.0f));
        return doc;
    }
}
