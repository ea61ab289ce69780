package dev.kb.course;

import dev.kb.common.NotFound;
import dev.kb.store.CourseRow;
import dev.kb.store.DocumentRow;
import dev.kb.store.IndexRunRow;
import dev.kb.store.StoredAgenda;
import dev.kb.store.Stores;
import dev.kb.store.SourceRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Courses and their agendas, read from the store. */
public final class CourseService {
    private final Stores stores;

    public CourseService(Stores stores) {
        this.stores = stores;
    }

    /** The indexed courses, then (by id) those followed from a source that has not been indexed yet. */
    public List<CourseSummary> list() {
        Map<String, SourceRow> sources = new HashMap<>();
        stores.sources().list().forEach(s -> sources.put(s.courseId(), s));
        List<CourseSummary> all = new ArrayList<>();
        for (CourseRow course : stores.courses().list()) {
            all.add(summary(course, sources.remove(course.id())));
        }
        sources.values().stream().sorted(Comparator.comparing(SourceRow::courseId)).map(CourseService::pending)
                .forEach(all::add);
        return all;
    }

    public CourseSummary get(String courseId) {
        Optional<CourseRow> course = stores.courses().find(courseId);
        Optional<SourceRow> source = stores.sources().find(courseId);
        if (course.isEmpty()) {
            return pending(source.orElseThrow(() -> new NotFound("course", courseId)));
        }
        return summary(course.get(), source.orElse(null));
    }

    /** A course followed from a source whose first fetch or index has not worked (yet). */
    private static CourseSummary pending(SourceRow source) {
        return new CourseSummary(source.courseId(), null, 0, 0, null, null, SourceView.of(source));
    }

    /** A course filter as given: null (every course) or the id of a known course, else not found. */
    public String filter(String courseIdOrNull) {
        if (courseIdOrNull != null) {
            require(courseIdOrNull);
        }
        return courseIdOrNull;
    }

    /**
     * A course filter for a route that reads the search index: a course the index holds needs no database round
     * trip (and keeps working while PostgreSQL is away); any other is looked up as in {@link #filter(String)}.
     */
    public String filter(String courseIdOrNull, java.util.function.Predicate<String> indexed) {
        return courseIdOrNull == null || indexed.test(courseIdOrNull) ? courseIdOrNull : filter(courseIdOrNull);
    }

    public CourseRow require(String courseId) {
        return find(courseId).orElseThrow(() -> new NotFound("course", courseId));
    }

    public Optional<CourseRow> find(String courseId) {
        return stores.courses().find(courseId);
    }

    /** Paths of the course's compiled handouts. */
    public Set<String> handoutPaths(String courseId) {
        return stores.documents().list(courseId).stream().filter(DocumentRow::handout).map(DocumentRow::path)
                .collect(Collectors.toSet());
    }

    public AgendaView agenda(String courseId) {
        CourseRow course = require(courseId);
        StoredAgenda agenda = stores.agenda().read(courseId);
        return new AgendaView(course.id(), course.title(), agenda.sections().stream()
                .map(s -> new AgendaView.Section(s.title(), s.modules().stream()
                        .map(m -> new AgendaView.Module(m.title(), m.items().stream().map(CourseService::item).toList()))
                        .toList()))
                .toList());
    }

    private static AgendaView.Item item(StoredAgenda.Item stored) {
        var i = stored.item();
        return new AgendaView.Item(i.title(), i.href(), i.status().dbName(), i.targetPath(), i.fragment(), i.url(),
                stored.documentId(), i.reason());
    }

    private CourseSummary summary(CourseRow course, SourceRow source) {
        int topics = stores.documents().countTopics(course.id());
        int items = stores.agenda().read(course.id()).items().size();
        Long run = stores.runs().latestSucceeded(course.id()).map(IndexRunRow::id).orElse(null);
        return new CourseSummary(course.id(), course.title(), topics, items, course.indexedAt(), run,
                source == null ? null : SourceView.of(source));
    }
}
