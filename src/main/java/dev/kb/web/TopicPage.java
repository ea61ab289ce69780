package dev.kb.web;

import dev.kb.common.LimitExceeded;
import dev.kb.course.AgendaView;
import dev.kb.course.CourseService;
import dev.kb.graph.GraphService;
import dev.kb.graph.GraphView;
import dev.kb.graph.LearningPath;
import dev.kb.graph.PrerequisitesView;
import dev.kb.references.Reference;
import dev.kb.references.ReferenceService;
import dev.kb.topic.Topic;
import dev.kb.topic.TopicService;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /topics/{id}}: a topic as a page, with where it stands in the course. */
final class TopicPage {
    private final TopicService topics;
    private final GraphService graph;
    private final CourseService courses;
    private final ReferenceService references;
    private final Templates templates;
    private final Assets assets;

    TopicPage(TopicService topics, GraphService graph, CourseService courses, ReferenceService references,
              Templates templates, Assets assets) {
        this.topics = topics;
        this.graph = graph;
        this.courses = courses;
        this.references = references;
        this.templates = templates;
        this.assets = assets;
    }

    void page(Context ctx) {
        Topic topic = topics.get(ctx.pathParam("id"));
        Page page = Templates.page(ctx, assets, topic.course(), "topic").titled(topic.title() + " — kb");
        TopicView view = new TopicView(topic, TopicLinks.toPages(topic.html(), topic.course()),
                topic.headings().stream().filter(h -> h.level() >= 2 && h.level() <= 3).toList(),
                neighbours(topic.id(), true), neighbours(topic.id(), false), nextInAgenda(topic),
                learningPath(topic.id()), external(topic));
        templates.render(ctx, "topic.jte", Map.of("page", page, "view", view));
    }

    /** The topics directly before (its prerequisites) or after (its dependents) this one, in teaching order. */
    private List<TopicView.Step> neighbours(String id, boolean before) {
        PrerequisitesView around;
        try {
            around = before ? graph.prerequisites(id, true) : graph.dependents(id, true);
        } catch (LimitExceeded tooMany) {
            return List.of();
        }
        Set<String> direct = new LinkedHashSet<>();
        for (GraphView.Edge e : around.edges()) {
            if (before ? e.to().equals(id) : e.from().equals(id)) {
                direct.add(before ? e.from() : e.to());
            }
        }
        List<TopicView.Step> steps = new ArrayList<>();
        for (GraphView.Node n : around.nodes()) {
            if (direct.contains(n.id())) {
                steps.add(new TopicView.Step(n.title(), Links.topic(n.id(), null)));
            }
        }
        return steps;
    }

    private List<TopicView.LearningStep> learningPath(String id) {
        LearningPath path;
        try {
            path = graph.learningPath(id);
        } catch (LimitExceeded tooMany) {
            return List.of();
        }
        return path.steps().stream().map(s -> new TopicView.LearningStep(s.title(), Links.topic(s.topicId(), null),
                s.goal(), s.because().stream().map(LearningPath.Because::evidence).distinct().toList())).toList();
    }

    /** The agenda item after the first place the agenda links this topic, when it links a topic. */
    private TopicView.Step nextInAgenda(Topic topic) {
        List<AgendaView.Item> items = new ArrayList<>();
        for (AgendaView.Section s : courses.agenda(topic.course()).sections()) {
            for (AgendaView.Module m : s.modules()) {
                items.addAll(m.items());
            }
        }
        for (int i = 0; i < items.size(); i++) {
            if (topic.id().equals(items.get(i).topicId())) {
                for (int j = i + 1; j < items.size(); j++) {
                    AgendaView.Item next = items.get(j);
                    if (next.topicId() != null && !next.topicId().equals(topic.id())) {
                        return new TopicView.Step(next.title(), Links.topic(next.topicId(), next.fragment()));
                    }
                }
                return null;
            }
        }
        return null;
    }

    private List<TopicView.External> external(Topic topic) {
        if (topic.externalReferences().isEmpty()) {
            return List.of();
        }
        Map<String, String> status = new HashMap<>();
        int offset = 0;
        while (true) {
            var batch = references.list(topic.course(), null, 100, offset);
            for (Reference r : batch.items()) {
                status.put(r.url(), r.status());
            }
            if (!batch.hasNext()) {
                break;
            }
            offset += 100;
        }
        return topic.externalReferences().stream()
                .map(r -> new TopicView.External(r.url(), r.text(), status.getOrDefault(r.url(), "unchecked")))
                .toList();
    }
}
