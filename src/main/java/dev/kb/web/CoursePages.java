package dev.kb.web;

import dev.kb.course.AgendaView;
import dev.kb.course.CourseService;
import dev.kb.coverage.CoverageReport;
import dev.kb.coverage.CoverageService;
import dev.kb.graph.Conflict;
import dev.kb.graph.GraphService;
import dev.kb.graph.GraphView;
import dev.kb.topic.TopicService;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A course's pages: its agenda, its coverage report for trainers, and its prerequisite graph per module. */
final class CoursePages {
    private final CourseService courses;
    private final CoverageService coverage;
    private final GraphService graph;
    private final TopicService topics;
    private final Templates templates;
    private final Assets assets;

    CoursePages(CourseService courses, CoverageService coverage, GraphService graph, TopicService topics,
                Templates templates, Assets assets) {
        this.courses = courses;
        this.coverage = coverage;
        this.graph = graph;
        this.topics = topics;
        this.templates = templates;
        this.assets = assets;
    }

    /** The agenda, and with {@code goal} (a topic id) the learning path to that topic, each step with its reasons. */
    void agenda(Context ctx) {
        AgendaView agenda = courses.agenda(ctx.pathParam("course"));
        Page page = Templates.page(ctx, assets, agenda.course(), "course")
                .titled(title(agenda) + " — kb");
        String goal = SearchPage.blankToNull(ctx.queryParam("goal"));
        List<TopicView.LearningStep> path = goal == null ? List.of()
                : graph.learningPath(agenda.course(), List.of(goal), List.of()).steps().stream()
                        .map(s -> new TopicView.LearningStep(s.title(), Links.topic(s.topicId(), null), s.goal(),
                                s.because().stream().map(b -> b.evidence()).distinct().toList()))
                        .toList();
        templates.render(ctx, "course.jte", Map.of("page", page, "agenda", agenda, "title", title(agenda),
                "goal", goal == null ? "" : goal, "path", path));
    }

    void coverage(Context ctx) {
        String course = ctx.pathParam("course");
        CoverageReport report = coverage.report(course);
        Page page = Templates.page(ctx, assets, course, "coverage");
        page = page.titled(page.t().get("coverage.title") + " · " + course + " — kb");
        templates.render(ctx, "coverage.jte", Map.of("page", page, "report", report, "ids", topicIds(course)));
    }

    void graph(Context ctx) {
        String course = ctx.pathParam("course");
        String module = SearchPage.blankToNull(ctx.queryParam("module"));
        AgendaView agenda = courses.agenda(course);
        // Every topic of the course or module, also those without an edge: a trainer reads the page to see what is
        // connected and what is not, and every conflict the API reports must have both its topics on it.
        GraphView view = graph.course(course, module, true, true);
        List<Conflict> conflicts = graph.conflicts(course);
        Set<String> shown = new LinkedHashSet<>();
        view.nodes().forEach(n -> shown.add(n.id()));
        List<Conflict> here = conflicts.stream()
                .filter(c -> shown.contains(c.topic().id()) && shown.contains(c.prerequisite().id())).toList();
        List<String> modules = new ArrayList<>();
        for (AgendaView.Section s : agenda.sections()) {
            s.modules().forEach(m -> modules.add(m.title()));
        }
        Page page = Templates.page(ctx, assets, course, "graph");
        page = page.titled(page.t().get("graph.title") + " · " + (module == null ? course : module) + " — kb");
        templates.render(ctx, "graph.jte", Map.of("page", page, "course", course, "module", module == null ? "" : module,
                "modules", modules, "graph", view, "svg", GraphSvg.render(view, here), "conflicts", here, "titles", titles(view)));
    }

    /** The topic id of every document of the course by its path: the report names files, the page links topics. */
    private Map<String, String> topicIds(String course) {
        Map<String, String> ids = new java.util.HashMap<>();
        int offset = 0;
        while (true) {
            var batch = topics.list(course, null, 100, offset);
            batch.items().forEach(t -> ids.put(t.path(), t.id()));
            if (!batch.hasNext()) {
                return ids;
            }
            offset += 100;
        }
    }

    private static Map<String, String> titles(GraphView view) {
        Map<String, String> titles = new java.util.HashMap<>();
        view.nodes().forEach(n -> titles.put(n.id(), n.title() == null ? n.path() : n.title()));
        return titles;
    }

    private static String title(AgendaView agenda) {
        return agenda.title() == null || agenda.title().isBlank() ? agenda.course() : agenda.title();
    }
}
