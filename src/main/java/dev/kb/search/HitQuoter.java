package dev.kb.search;

import dev.kb.common.Html;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Turns the topics a search ranked into {@link SearchHit}s: finds each topic's best-matching section and quotes
 * it with the matches marked (or the topic's lead, title or path when nothing in its text matched). Kept apart
 * from {@link SearchService} because what a hit shows changes for other reasons than which topics rank.
 */
final class HitQuoter {
    private static final int LEAD_CHARS = 200;
    /** Where a quote may come from, in order of preference; their stored fields carry the texts' base names. */
    private static final List<IndexFields.Text> QUOTED = List.of(IndexFields.Text.BODY, IndexFields.Text.CODE,
            IndexFields.Text.HEADING);

    private final MatchHighlighter highlighter = new MatchHighlighter();

    /** For each topic of the page, its best-matching section: one search for the whole page. */
    static Map<String, Document> bestSections(IndexSearcher searcher, Query sections, List<Document> page)
            throws IOException {
        Map<String, Document> best = new HashMap<>();
        // External pages have no sections.
        List<BytesRef> ids = page.stream().filter(d -> d.get(IndexFields.REFERENCE) == null)
                .map(d -> new BytesRef(d.get(IndexFields.TOPIC))).toList();
        if (ids.isEmpty()) {
            return best;
        }
        Query inPage = new BooleanQuery.Builder().add(sections, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SECTION)), BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery(IndexFields.TOPIC, ids), BooleanClause.Occur.FILTER)
                .build();
        for (Map.Entry<String, ScoreDoc> e : searcher.search(inPage, new BestSections()).entrySet()) {
            best.put(e.getKey(), searcher.storedFields().document(e.getValue().doc));
        }
        return best;
    }

    /**
     * @param doc         the topic as ranked, sorted by tier then score (see {@link SearchService})
     * @param bestSection its best-matching section, or null when none matched (see {@link #bestSections})
     */
    SearchHit hit(IndexSearcher searcher, Document topic, FieldDoc doc, Document bestSection,
                  MatchHighlighter.QueryTerms terms) throws IOException {
        float score = doc.fields[1] instanceof Float f ? f : doc.score;
        if (topic.get(IndexFields.REFERENCE) != null) {
            return external(topic, score, terms);
        }
        String topicId = topic.get(IndexFields.TOPIC);
        Section best = section(searcher, topicId, bestSection, terms);
        String snippet = best.snippet() == null || best.snippet().isBlank() ? named(topic, terms) : best.snippet();
        return SearchHit.topic(new SearchHit.Topic(topicId, topic.get(IndexFields.COURSE), topic.get(IndexFields.PATH),
                        topic.get(IndexFields.TITLE), topic.get(IndexFields.KIND), topic.get(IndexFields.LANGUAGE),
                        Boolean.parseBoolean(topic.get(IndexFields.IN_AGENDA)),
                        ((Number) doc.fields[0]).intValue() == IndexFields.TIER_HANDOUT),
                new SearchHit.Match(best.anchor(), best.heading(), snippet), score);
    }

    /** A hit on an external page: quoted from its stored text, pointing at the URL and the topics citing it. */
    private SearchHit external(Document page, float score, MatchHighlighter.QueryTerms terms) {
        String text = page.get(IndexFields.BODY);
        MatchHighlighter.Quote q = highlighter.snippet(terms, IndexFields.Text.BODY, text, null, false);
        String snippet = q != null ? q.html() : lead(text);
        List<SearchHit.Citation> citedBy = new ArrayList<>();
        for (String stored : page.getValues(IndexFields.CITED_BY)) {
            ReferenceDocuments.Citation c = ReferenceDocuments.Citation.parse(stored);
            citedBy.add(new SearchHit.Citation(c.topicId(), c.path()));
        }
        return SearchHit.externalPage(page.get(IndexFields.COURSE), page.get(IndexFields.TITLE), snippet, score,
                new SearchHit.Reference(page.get(IndexFields.REFERENCE), page.get(IndexFields.URL), citedBy));
    }

    private record Section(String anchor, String heading, String snippet) {
    }

    /**
     * A topic with no text to quote (its match is in the title or path, its sections are pictures or empty) still
     * quotes what matched: the title, else the path, marked; a hit never shows an empty snippet.
     */
    private String named(Document topic, MatchHighlighter.QueryTerms terms) {
        String title = topic.get(IndexFields.TITLE);
        for (String text : List.of(title, TopicDocuments.pathWords(topic.get(IndexFields.PATH)))) {
            MatchHighlighter.Quote q = highlighter.snippet(terms, IndexFields.Text.HEADING, text, null, false);
            if (q != null) {
                return q.html();
            }
        }
        return Html.escape(title);
    }

    private Section section(IndexSearcher searcher, String topicId, Document section,
                            MatchHighlighter.QueryTerms terms) throws IOException {
        if (section != null) {
            String snippet = quote(terms, section);
            return new Section(section.get(IndexFields.ANCHOR), emptyToNull(section.get(IndexFields.HEADING)),
                    snippet != null ? snippet : lead(section));
        }
        // The topic matched on its title, path or agenda text only: quote its first section with text.
        Query inTopic = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TOPIC, topicId)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SECTION)), BooleanClause.Occur.FILTER)
                .build();
        TopDocs first = searcher.search(inTopic, 50, new Sort(new SortField(IndexFields.SECTION_ORD, SortField.Type.INT)));
        for (ScoreDoc sd : first.scoreDocs) {
            Document candidate = searcher.storedFields().document(sd.doc);
            if (!candidate.get(IndexFields.BODY).isBlank()) {
                return new Section(candidate.get(IndexFields.ANCHOR), emptyToNull(candidate.get(IndexFields.HEADING)),
                        lead(candidate));
            }
        }
        return new Section(null, null, "");
    }

    /**
     * Quotes the part of the section that matched: prose cut at sentences, else code at lines, else the heading.
     * The first that matches a word as typed wins ("runAsUser" in code over "running as … user" in prose).
     */
    private String quote(MatchHighlighter.QueryTerms terms, Document section) {
        String language = section.get(IndexFields.SECTION_LANGUAGE);
        MatchHighlighter.Quote fallback = null;
        for (IndexFields.Text text : QUOTED) {
            MatchHighlighter.Quote q = highlighter.snippet(terms, text, section.get(text.base), language,
                    text != IndexFields.Text.BODY);
            if (q != null && q.primaryMatches() > 0) {
                return q.html();
            }
            fallback = fallback == null ? q : fallback;
        }
        return fallback == null ? null : fallback.html();
    }

    private static String lead(Document section) {
        return lead(section.get(IndexFields.BODY));
    }

    private static String lead(String text) {
        String body = text.strip();
        if (body.length() <= LEAD_CHARS) {
            return Html.escape(body);
        }
        int space = body.lastIndexOf(' ', LEAD_CHARS);
        return Html.escape(body.substring(0, space > LEAD_CHARS / 2 ? space : LEAD_CHARS)) + " …";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
