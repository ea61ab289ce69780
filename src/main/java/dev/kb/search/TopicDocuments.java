package dev.kb.search;

import dev.kb.model.ParsedDocument;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FloatDocValuesField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/** Builds the Lucene documents of one topic: the topic itself, one per section, and its completions. */
final class TopicDocuments {
    /** Code terms worth completing: camelCase, snake_case, dotted or dashed names and --flags. */
    private static final Pattern CODE_TERM = Pattern.compile(
            "(?<![\\w.-])(?:--)?[A-Za-z][A-Za-z0-9]*(?:[A-Z][a-z0-9]+|[_.-][A-Za-z0-9]+)+(?![\\w])");
    private static final int MAX_CODE_TERMS = 30;

    private TopicDocuments() {
    }

    static List<Document> of(DocumentRow topic, List<ParsedDocument.Section> sections,
                             List<DocumentStore.StoredPassage> passages, TopicContext context, float inAgendaPrior,
                             Map<String, float[]> vectors) {
        List<Document> docs = new ArrayList<>();
        docs.add(topicDocument(topic, sections, context, inAgendaPrior));
        Map<Integer, ParsedDocument.Section> byOrd = new HashMap<>();
        for (ParsedDocument.Section s : sections) {
            docs.add(sectionDocument(topic, s));
            byOrd.put(s.ord(), s);
        }
        if (!context.handout()) {
            // A handout repeats other topics' text: its passages would only crowd out the originals.
            for (DocumentStore.StoredPassage p : passages) {
                ParsedDocument.Section section = byOrd.get(p.passage().sectionOrd());
                String heading = section == null || section.heading() == null ? "" : section.heading();
                docs.add(passage(new PassageOwner(topic.id(), topic.courseId(), topic.path(), topic.title(), heading,
                        section == null ? null : section.anchor()), p, vectors.get(p.id())));
            }
        }
        docs.addAll(suggestions(topic, sections));
        return docs;
    }

    /** What a passage document says of its topic and section besides its own text. */
    record PassageOwner(String topicId, String courseId, String path, String title, String heading, String anchor) {
        /** As a passage document of the index stores it. */
        static PassageOwner of(Document passage) {
            return new PassageOwner(passage.get(IndexFields.TOPIC), passage.get(IndexFields.COURSE),
                    passage.get(IndexFields.PATH), passage.get(IndexFields.TITLE), passage.get(IndexFields.HEADING),
                    passage.get(IndexFields.ANCHOR));
        }
    }

    /** The search document of one passage; {@code vector} null when it has none (yet). */
    static Document passage(PassageOwner owner, DocumentStore.StoredPassage stored, float[] vector) {
        Document doc = passage(owner, stored);
        if (vector != null) {
            doc.add(new KnnFloatVectorField(IndexFields.PASSAGE_VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        }
        return doc;
    }

    /** The key of a passage's search document: its vector is added later by replacing it alone. */
    static String passageKey(String passageId) {
        return "p:" + passageId;
    }

    private static Document passage(PassageOwner owner, DocumentStore.StoredPassage stored) {
        ParsedDocument.Passage p = stored.passage();
        Document doc = common(owner.topicId(), owner.courseId(), owner.path(), passageKey(stored.id()),
                IndexFields.TYPE_PASSAGE);
        doc.add(new StoredField(IndexFields.PASSAGE, stored.id()));
        doc.add(new StoredField(IndexFields.PASSAGE_ORD, p.ord()));
        doc.add(new StoredField(IndexFields.PASSAGE_TEXT, p.text()));
        doc.add(new StoredField(IndexFields.TITLE, owner.title()));
        doc.add(new StoredField(IndexFields.HEADING, owner.heading()));
        if (owner.anchor() != null) {
            doc.add(new StoredField(IndexFields.ANCHOR, owner.anchor()));
        }
        text(doc, IndexFields.Text.PASSAGE_TITLE, owner.title());
        text(doc, IndexFields.Text.PASSAGE_PATH, pathWords(owner.path()));
        text(doc, IndexFields.Text.PASSAGE_HEADING, owner.heading());
        text(doc, IndexFields.Text.PASSAGE_BODY, p.bodyText());
        text(doc, IndexFields.Text.PASSAGE_CODE, p.codeText());
        return doc;
    }

    private static Document topicDocument(DocumentRow topic, List<ParsedDocument.Section> sections,
                                          TopicContext context, float inAgendaPrior) {
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
        doc.add(new StoredField(IndexFields.TITLE, topic.title()));
        text(doc, IndexFields.Text.TITLE, topic.title());
        text(doc, IndexFields.Text.HEADINGS, headings.toString());
        text(doc, IndexFields.Text.AGENDA, String.join("\n", context.agendaTitles()));
        text(doc, IndexFields.Text.PATH, pathWords(topic.path()));
        text(doc, IndexFields.Text.BODY, body.toString());
        text(doc, IndexFields.Text.CODE, code.toString());
        for (String module : context.modules()) {
            keyword(doc, IndexFields.MODULE, module);
        }
        keyword(doc, IndexFields.IN_AGENDA, Boolean.toString(context.inAgenda()));
        keyword(doc, IndexFields.LANGUAGE, topic.language());
        keyword(doc, IndexFields.KIND, topic.category());
        keyword(doc, IndexFields.EXTERNAL, "false");
        doc.add(new NumericDocValuesField(IndexFields.TIER, context.handout() ? IndexFields.TIER_HANDOUT : IndexFields.TIER_TOPIC));
        doc.add(new FloatDocValuesField(IndexFields.PRIOR, context.inAgenda() ? inAgendaPrior : 1.0f));
        return doc;
    }

    private static Document sectionDocument(DocumentRow topic, ParsedDocument.Section s) {
        Document section = common(topic, topic.id() + "#" + s.ord(), IndexFields.TYPE_SECTION);
        section.add(new StoredField(IndexFields.SECTION_ORD, s.ord()));
        section.add(new StoredField(IndexFields.SECTION_LANGUAGE, s.language()));
        section.add(new NumericDocValuesField(IndexFields.SECTION_ORD, s.ord()));
        if (s.anchor() != null) {
            section.add(new StoredField(IndexFields.ANCHOR, s.anchor()));
        }
        // Stored because the snippet is cut from the section's own text.
        section.add(new StoredField(IndexFields.HEADING, s.heading() == null ? "" : s.heading()));
        section.add(new StoredField(IndexFields.BODY, s.bodyText()));
        section.add(new StoredField(IndexFields.CODE, s.codeText()));
        text(section, IndexFields.Text.HEADING, s.heading() == null ? "" : s.heading());
        text(section, IndexFields.Text.BODY, s.bodyText());
        text(section, IndexFields.Text.CODE, s.codeText());
        return section;
    }

    /** A completion and how it ranks: titles before headings before code terms. */
    private record Completion(Suggestion.Kind kind, String anchor) {
    }

    /** Completions: the title, the headings and the code terms of a topic, each a tiny document. */
    private static List<Document> suggestions(DocumentRow topic, List<ParsedDocument.Section> sections) {
        Map<String, Completion> entries = new LinkedHashMap<>();
        entries.put(topic.title(), new Completion(Suggestion.Kind.TITLE, null));
        for (ParsedDocument.Section s : sections) {
            if (s.heading() != null && !s.heading().isBlank()) {
                entries.putIfAbsent(s.heading(), new Completion(Suggestion.Kind.HEADING, s.anchor()));
            }
        }
        int codeTerms = 0;
        for (ParsedDocument.Section s : sections) {
            Matcher m = CODE_TERM.matcher(s.codeText() + "\n" + s.bodyText());
            while (m.find() && codeTerms < MAX_CODE_TERMS) {
                if (entries.putIfAbsent(m.group(), new Completion(Suggestion.Kind.CODE, s.anchor())) == null) {
                    codeTerms++;
                }
            }
        }
        List<Document> docs = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Completion> e : entries.entrySet()) {
            Document d = common(topic, topic.id() + "~" + n++, IndexFields.TYPE_SUGGESTION);
            d.add(new StoredField(IndexFields.SUGGESTION, e.getKey()));
            d.add(new TextField(IndexFields.SUGGEST_PREFIXES, e.getKey(), Field.Store.NO));
            d.add(new StoredField(IndexFields.SUGGESTION_KIND, e.getValue().kind().label()));
            d.add(new NumericDocValuesField(IndexFields.SUGGEST_RANK, e.getValue().kind().rank()));
            if (e.getValue().anchor() != null) {
                d.add(new StoredField(IndexFields.ANCHOR, e.getValue().anchor()));
            }
            docs.add(d);
        }
        return docs;
    }

    /** Folders and file name as words: "kubernetes/rbac/can-i.md" reads "kubernetes rbac can-i". */
    static String pathWords(String path) {
        return path.replaceFirst("(?i)\\.(md|markdown)$", "").replace('/', ' ');
    }

    static void text(Document doc, IndexFields.Text text, String value) {
        for (Analyses.Form form : text.forms) {
            doc.add(new TextField(text.field(form), value, Field.Store.NO));
        }
    }

    static void keyword(Document doc, String field, String value) {
        doc.add(new KeywordField(field, value, Field.Store.YES));
    }

    private static Document common(DocumentRow topic, String key, String type) {
        return common(topic.id(), topic.courseId(), topic.path(), key, type);
    }

    private static Document common(String topicId, String courseId, String path, String key, String type) {
        Document doc = new Document();
        doc.add(new StringField(IndexFields.KEY, key, Field.Store.NO));
        doc.add(new StringField(IndexFields.TOPIC, topicId, Field.Store.YES));
        doc.add(new SortedDocValuesField(IndexFields.TOPIC, new BytesRef(topicId)));
        // Lucene wants one field to be alike in every document: the course facet's doc values are on all of them.
        doc.add(new KeywordField(IndexFields.COURSE, courseId, Field.Store.YES));
        doc.add(new StringField(IndexFields.TYPE, type, Field.Store.NO));
        doc.add(new StringField(IndexFields.PATH, path, Field.Store.YES));
        return doc;
    }
}
