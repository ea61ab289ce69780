package dev.kb.search;

import dev.kb.ingest.IndexRunReport;
import dev.kb.model.ParsedDocument;
import dev.kb.references.ReferenceService;
import dev.kb.store.CourseRow;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import dev.kb.store.ReferenceStore;
import dev.kb.store.StoredAgenda;
import dev.kb.store.RunStore;
import dev.kb.store.Stores;
import dev.kb.store.UrlCheckRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Lucene index in step with PostgreSQL, reading only from the database: after a run it replaces
 * the topics that changed; at start it rebuilds every course whose committed run differs from the database's.
 */
public final class SearchIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);
    private static final int READ_BATCH = 500;

    private final Stores stores;
    private final SearchIndex index;
    private final Ranking ranking;
    private final boolean semantic;
    /** Told the course of every publish of topics (see {@link #onTopicsPublished}). */
    private volatile Consumer<String> published = course -> { };

    /**
     * @param settings the ranking's in-agenda prior is written into each topic's search document; passages get
     *                 their meaning's vector, when the semantic signal is on and PostgreSQL has it (see
     *                 {@link Semantics}, {@link PassageEmbedding})
     */
    public SearchIndexer(Stores stores, SearchIndex index, SearchSettings settings) {
        this.stores = stores;
        this.index = index;
        this.ranking = settings.ranking();
        this.semantic = settings.semantics().enabled();
    }

    /**
     * Tells {@code listener} the course whose topics were just published by a run, a catch-up or a rebuild: their
     * passages carry the vectors PostgreSQL had, and the listener may embed the rest (see {@link PassageEmbedding}).
     */
    public void onTopicsPublished(Consumer<String> listener) {
        this.published = listener;
    }

    /** Brings the index up to date with one finished run. */
    public void apply(IndexRunReport run) {
        repair();
        try (SearchIndex.Batch batch = index.batch()) {
            // A run's changes are relative to the run before it. When this index does not hold that one (another
            // kb process on the database published runs in between), the changes would leave it incomplete while
            // claiming the newest run: the course is rebuilt from the database instead.
            Long held = index.committedRuns().get(run.courseId());
            boolean follows = held != null
                    && held.equals(stores.runs().succeededBefore(run.courseId(), run.runId()).orElse(null));
            if (run.rebuildCourse() || !follows) {
                rebuild(batch, run.courseId());
            } else {
                applyChanges(batch, run.courseId(), run.changedIds(), run.removedIds());
            }
            batch.publish(Map.of(run.courseId(), run.runId()));
        } catch (IOException e) {
            throw new UncheckedIOException("updating the search index failed", e);
        }
        published.accept(run.courseId());
    }

    /** Deletes the removed topics' search documents, then writes the changed ones as the database holds them now. */
    private void applyChanges(SearchIndex.Batch batch, String courseId, Set<String> changedIds, Set<String> removedIds)
            throws IOException {
        batch.deleteTopics(removedIds);
        List<String> changed = List.copyOf(changedIds);
        Map<String, TopicContext> contexts = changed.isEmpty() ? Map.of() : contexts(courseId);
        for (int i = 0; i < changed.size(); i += READ_BATCH) {
            write(batch, stores.documents().byIds(changed.subList(i, Math.min(changed.size(), i + READ_BATCH))),
                    contexts);
        }
    }

    /** Each course's newest succeeded run in the database. */
    private Map<String, Long> publishedRuns() {
        Set<String> courses = stores.courses().list().stream().map(CourseRow::id).collect(Collectors.toSet());
        Map<String, Long> published = new HashMap<>(stores.runs().latestSucceededRuns());
        // Runs of a course deleted since are no course's.
        published.keySet().retainAll(courses);
        return published;
    }

    /**
     * The courses whose search documents are not those of their newest run in the database (or that the index
     * still holds although the database no longer does): what this index has yet to catch up with.
     */
    public Set<String> behind() {
        Map<String, Long> committed = index.committedRuns();
        Map<String, Long> published = publishedRuns();
        Set<String> behind = new HashSet<>();
        published.forEach((course, run) -> {
            if (!run.equals(committed.get(course))) {
                behind.add(course);
            }
        });
        committed.keySet().stream().filter(c -> !published.containsKey(c)).forEach(behind::add);
        return behind;
    }

    /**
     * Brings what does not match the database up to it: a course whose runs since the one this index holds all
     * recorded their changes gets just those topics, any other is rebuilt. Returns the ids of the courses brought up.
     */
    public Set<String> reconcile() {
        Map<String, Long> committed = index.committedRuns();
        Map<String, Long> expected = publishedRuns();
        Set<String> stale = new HashSet<>();
        expected.forEach((course, run) -> {
            if (!run.equals(committed.get(course))) {
                stale.add(course);
            }
        });
        Set<String> gone = new HashSet<>(committed.keySet());
        gone.removeAll(expected.keySet());
        if (stale.isEmpty() && gone.isEmpty()) {
            return stale;
        }
        try (SearchIndex.Batch batch = index.batch()) {
            Map<String, Long> runs = new HashMap<>();
            for (String course : stale) {
                Long held = committed.get(course);
                // Runs of other processes since the one this index holds: only the topics they changed, when each
                // recorded them; otherwise the course is rebuilt.
                var changes = held == null ? java.util.Optional.<RunStore.Changes>empty()
                        : stores.runs().changesBetween(course, held, expected.get(course));
                if (changes.isPresent()) {
                    LOG.info("applying {} changed and {} removed topics of {} (runs {} to {})",
                            changes.get().changed().size(), changes.get().removed().size(), course, held,
                            expected.get(course));
                    applyChanges(batch, course, changes.get().changed(), changes.get().removed());
                } else {
                    LOG.info("rebuilding the search index of {} from the database", course);
                    rebuild(batch, course);
                }
                runs.put(course, expected.get(course));
            }
            for (String course : gone) {
                batch.deleteCourse(course);
                runs.put(course, null);
            }
            batch.publish(runs);
        } catch (IOException e) {
            throw new UncheckedIOException("rebuilding the search index failed", e);
        }
        stale.forEach(published);
        return stale;
    }

    /**
     * Rebuilds every course from the database when the index on disk was lost while kb served (see
     * {@link SearchIndex#recoverIfLost()}); searches answer from the lost index until the rebuild is published.
     * Every change to the index comes through here first, so none lands in a half-rebuilt index.
     *
     * @return true when the index had to be rebuilt
     */
    public boolean repair() {
        if (!index.recoverIfLost()) {
            return false;
        }
        Set<String> rebuilt = reconcile();
        if (index.rebuilding()) {
            // Nothing to rebuild (no course indexed yet): publishing the empty index ends the rebuild.
            try (SearchIndex.Batch batch = index.batch()) {
                batch.publish(Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException("publishing the rebuilt search index failed", e);
            }
        }
        LOG.info("search index rebuilt from the database after it was lost, for {}", rebuilt);
        return true;
    }

    /**
     * Indexes the course's external pages again, after their links were checked; topics are untouched and the
     * index keeps the run it reflects.
     */
    public void refreshReferences(String courseId) {
        repair();
        Long run = index.committedRuns().get(courseId);
        if (run == null) {
            return; // the course's next rebuild indexes its pages
        }
        try (SearchIndex.Batch batch = index.batch()) {
            batch.deleteReferences(courseId);
            writeReferences(batch, courseId);
            batch.publish(Map.of(courseId, run));
        } catch (IOException e) {
            throw new UncheckedIOException("updating the external pages in the search index failed", e);
        }
    }

    private void rebuild(SearchIndex.Batch batch, String courseId) throws IOException {
        batch.deleteCourse(courseId);
        Map<String, TopicContext> contexts = contexts(courseId);
        List<DocumentRow> topics = stores.documents().list(courseId).stream().filter(DocumentRow::isTopic).toList();
        for (int i = 0; i < topics.size(); i += READ_BATCH) {
            write(batch, topics.subList(i, Math.min(topics.size(), i + READ_BATCH)), contexts);
        }
        writeReferences(batch, courseId);
    }

    /** The pages a check could read (ok or redirected, with a title or text); others have nothing to find. */
    private void writeReferences(SearchIndex.Batch batch, String courseId) throws IOException {
        ReferenceStore store = stores.references();
        Map<String, List<ReferenceStore.Usage>> usages = new TreeMap<>();
        store.usages(courseId).forEach(u -> usages.computeIfAbsent(u.url(), k -> new ArrayList<>()).add(u));
        Map<String, UrlCheckRow> checks = store.checks(usages.keySet());
        for (Map.Entry<String, List<ReferenceStore.Usage>> e : usages.entrySet()) {
            UrlCheckRow check = checks.get(e.getKey());
            if (check == null || !check.readable()) {
                continue;
            }
            Set<String> texts = new LinkedHashSet<>();
            Set<ReferenceDocuments.Citation> citedBy = new LinkedHashSet<>();
            for (ReferenceStore.Usage u : e.getValue()) {
                if (u.text() != null && !u.text().isBlank()) {
                    texts.add(u.text().strip());
                }
                if (u.documentId() != null) {
                    citedBy.add(new ReferenceDocuments.Citation(u.documentId(), u.path()));
                }
            }
            batch.add(ReferenceDocuments.of(courseId, new ReferenceDocuments.Page(ReferenceService.id(e.getKey()),
                    e.getKey(), check.title(), check.bodyText(), List.copyOf(texts), List.copyOf(citedBy))));
        }
    }

    private void write(SearchIndex.Batch batch, Collection<DocumentRow> documents, Map<String, TopicContext> contexts)
            throws IOException {
        List<DocumentRow> topics = documents.stream().filter(DocumentRow::isTopic).toList();
        if (topics.isEmpty()) {
            return;
        }
        List<String> ids = topics.stream().map(DocumentRow::id).toList();
        Map<String, List<ParsedDocument.Section>> sections = stores.documents().sections(ids);
        Map<String, List<DocumentStore.StoredPassage>> passages = stores.documents().passages(ids);
        // Handouts have no passage documents (see TopicDocuments), so nothing of theirs is embedded. Only vectors
        // there are already: the model's share comes after the words are published (PassageEmbedding).
        Map<String, float[]> vectors = semantic ? PassageVectors.known(stores.embeddings(),
                topics.stream().filter(t -> !t.handout()).toList(),
                sections, passages) : Map.of();
        // Analysis is most of the cost and the writer takes documents from several threads: use every core.
        try {
            topics.parallelStream().forEach(topic -> {
                TopicContext agenda = contexts.getOrDefault(topic.id(), TopicContext.NONE);
                TopicContext context = new TopicContext(agenda.agendaTitles(), agenda.modules(), topic.handout());
                try {
                    batch.replaceTopic(topic.id(), TopicDocuments.of(topic, sections.getOrDefault(topic.id(), List.of()),
                            passages.getOrDefault(topic.id(), List.of()), context, ranking.inAgendaPrior(), vectors));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Per topic id, the agenda items that link it and their modules. */
    private Map<String, TopicContext> contexts(String courseId) {
        Map<String, List<String>> titles = new HashMap<>();
        Map<String, Set<String>> modules = new HashMap<>();
        for (StoredAgenda.Section s : stores.agenda().read(courseId).sections()) {
            for (StoredAgenda.Module m : s.modules()) {
                for (StoredAgenda.Item item : m.items()) {
                    if (item.documentId() != null) {
                        titles.computeIfAbsent(item.documentId(), k -> new ArrayList<>()).add(item.item().title());
                        modules.computeIfAbsent(item.documentId(), k -> new LinkedHashSet<>()).add(m.title());
                    }
                }
            }
        }
        Map<String, TopicContext> contexts = new HashMap<>();
        titles.forEach((id, t) -> contexts.put(id, new TopicContext(List.copyOf(t), List.copyOf(modules.get(id)), false)));
        return contexts;
    }
}
