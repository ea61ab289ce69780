package dev.kb.topic;

import dev.kb.common.NotFound;
import dev.kb.common.Page;
import dev.kb.course.CourseService;
import dev.kb.course.ForgeLinks;
import dev.kb.ingest.CoursePaths;
import dev.kb.model.CourseFiles;
import dev.kb.model.LinkTarget;
import dev.kb.model.ParsedDocument;
import dev.kb.model.ParsedDocument.DocumentLink;
import dev.kb.model.TopicIds;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import dev.kb.store.StoredAgenda;
import dev.kb.store.Stores;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Topic lookup and detail, read from the store. */
public final class TopicService {
    private final Stores stores;
    private final CourseService courses;

    public TopicService(Stores stores, CourseService courses) {
        this.stores = stores;
        this.courses = courses;
    }

    /** Topics of a course, all of them or the one at {@code path} (as a caller writes it: {@code ./x.md} too). */
    public Page<TopicSummary> list(String courseId, String path, int limit, int offset) {
        String key = CoursePaths.parameter("path", path);
        courses.require(courseId);
        return stores.snapshot(tx -> list(tx, courseId, key, limit, offset));
    }

    private Page<TopicSummary> list(Stores db, String courseId, String path, int limit, int offset) {
        DocumentStore store = db.documents();
        List<DocumentRow> rows = path == null ? store.list(courseId)
                : store.findByPath(courseId, path).stream().toList();
        Set<String> inAgenda = agendaTopicIds(db, courseId);
        List<TopicSummary> topics = rows.stream().filter(DocumentRow::isTopic)
                .map(d -> new TopicSummary(d.id(), d.courseId(), d.path(), d.title(), d.category(), d.language(),
                        inAgenda.contains(d.id())))
                .toList();
        return Page.of(topics, limit, offset);
    }

    public DocumentRow require(String id) {
        return require(stores, id);
    }

    private static DocumentRow require(Stores db, String id) {
        return db.documents().find(id).filter(DocumentRow::isTopic).orElseThrow(() -> new NotFound("topic", id));
    }

    /**
     * The topic's reads share one connection and one snapshot: under load each read would queue for the pool
     * again, and a re-index committing between them could mix two versions. Rendering comes after, off the
     * connection.
     */
    public Topic get(String id) {
        Read<Topic> read = stores.snapshot(tx -> read(tx, id));
        Topic topic = read.value();
        return topic.withHtml(TopicHtml.render(topic.markdown(),
                new HtmlLinks(topic.course(), topic.path(), read.files(), false)));
    }

    /** What a read found, with the course's files its HTML links are resolved against. */
    private record Read<T>(T value, CourseFiles files) {
    }

    private Read<Topic> read(Stores db, String id) {
        DocumentRow doc = require(db, id);
        DocumentStore store = db.documents();
        CourseFiles files = store.files(doc.courseId());
        String markdown = store.markdown(id).orElse("");

        List<Topic.AgendaPlace> places = new ArrayList<>();
        for (StoredAgenda.Section s : db.agenda().read(doc.courseId()).sections()) {
            for (StoredAgenda.Module m : s.modules()) {
                for (StoredAgenda.Item i : m.items()) {
                    if (id.equals(i.documentId())) {
                        places.add(new Topic.AgendaPlace(s.title(), m.title(), i.item().title()));
                    }
                }
            }
        }
        List<Topic.Heading> headings = store.sections(id).stream().filter(s -> s.heading() != null)
                .map(s -> new Topic.Heading(s.level(), s.heading(), s.anchor())).toList();

        List<Topic.Link> links = new ArrayList<>();
        List<Topic.Image> images = new ArrayList<>();
        List<Topic.ExternalReference> external = new ArrayList<>();
        for (DocumentLink l : store.links(id)) {
            LinkTarget t = l.target();
            String existing = files.existing(t.targetPath()).orElse(null);
            String status = status(t, existing);
            String reason = t.brokenReason(existing != null);
            if (l.image()) {
                images.add(new Topic.Image(l.text(), l.href(), t.targetPath(), t.url(), status, reason, l.line()));
                continue;
            }
            String topicId = existing != null && files.isDocument(existing) ? TopicIds.of(doc.courseId(), existing) : null;
            links.add(new Topic.Link(l.text(), l.href(), t.kind().dbName(), existing != null ? existing : t.targetPath(),
                    t.fragment(), t.url(), topicId, status, reason, l.line()));
            if (t.kind() == LinkTarget.Kind.EXTERNAL) {
                external.add(new Topic.ExternalReference(t.url(), l.text(), l.line()));
            }
        }
        Set<String> seen = new HashSet<>();
        List<Topic.Backlink> backlinks = new ArrayList<>();
        for (var row : store.linksTo(doc.courseId(), doc.path())) {
            if (!row.link().image() && seen.add(row.documentId())) {
                backlinks.add(new Topic.Backlink(row.documentId(), row.documentPath(), row.documentTitle(),
                        row.link().text()));
            }
        }
        ForgeLinks forge = ForgeLinks.of(db.sources().find(doc.courseId()).orElse(null), doc.path());
        return new Read<>(new Topic(doc.id(), doc.courseId(), doc.path(), doc.title(), doc.category(), doc.language(),
                doc.handout(), !places.isEmpty(), places, headings,
                links, images, backlinks, external, doc.wordCount(), doc.codeBlockCount(), doc.contentHash(),
                doc.updatedAt(), markdown, null, forge.sourceUrl(), forge.editUrl()), files);
    }

    /** The section with this anchor and its subsections, as markdown and HTML. */
    public TopicSection section(String id, String anchor) {
        Read<TopicSection> read = stores.snapshot(tx -> readSection(tx, id, anchor));
        TopicSection section = read.value();
        return section.withHtml(TopicHtml.render(section.markdown(),
                new HtmlLinks(section.course(), section.path(), read.files(), true)));
    }

    private Read<TopicSection> readSection(Stores db, String id, String anchor) {
        DocumentRow doc = require(db, id);
        DocumentStore store = db.documents();
        List<ParsedDocument.Section> sections = store.sections(id);
        int index = -1;
        for (int i = 0; i < sections.size(); i++) {
            if (anchor.equals(sections.get(i).anchor())) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            throw new NotFound("section", anchor);
        }
        ParsedDocument.Section section = sections.get(index);
        int end = Integer.MAX_VALUE;
        for (int i = index + 1; i < sections.size(); i++) {
            if (sections.get(i).level() <= section.level()) {
                end = sections.get(i).line();
                break;
            }
        }
        String markdown = lines(store.markdown(id).orElse(""), section.line(), end);
        return new Read<>(new TopicSection(id, doc.courseId(), doc.path(), doc.title(), section.heading(),
                section.anchor(), section.level(), section.line(), markdown, null), store.files(doc.courseId()));
    }

    /** Lines {@code from} (1-based, inclusive) to {@code to} (exclusive) of a text. */
    private static String lines(String text, int from, int to) {
        String[] lines = text.split("\r?\n", -1);
        int start = Math.max(0, from - 1);
        int stop = (int) Math.min(lines.length, (long) to - 1);
        return start >= stop ? "" : String.join("\n", java.util.Arrays.asList(lines).subList(start, stop)).strip() + "\n";
    }

    private static String status(LinkTarget t, String existing) {
        return switch (t.kind()) {
            case EXTERNAL -> "external";
            case EMPTY -> "empty";
            case OTHER -> "invalid";
            case LOCAL, ANCHOR -> t.problem() != null ? "invalid" : existing != null ? "ok" : "missing";
        };
    }

    private static Set<String> agendaTopicIds(Stores db, String courseId) {
        Set<String> ids = new HashSet<>();
        for (StoredAgenda.Item item : db.agenda().read(courseId).items()) {
            if (item.documentId() != null) {
                ids.add(item.documentId());
            }
        }
        return ids;
    }
}
