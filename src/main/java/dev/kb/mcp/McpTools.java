package dev.kb.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kb.app.Kb;
import dev.kb.common.DatabaseUnavailable;
import dev.kb.common.Errors;
import dev.kb.common.InvalidInput;
import dev.kb.common.Json;
import dev.kb.common.LimitExceeded;
import dev.kb.common.NotFound;
import dev.kb.coverage.CoverageMarkdown;
import dev.kb.graph.LearningPath;
import dev.kb.search.PassageService;
import dev.kb.search.Passages;
import dev.kb.search.SearchHit;
import dev.kb.search.SearchResult;
import dev.kb.search.SearchService;
import dev.kb.topic.Topic;
import dev.kb.topic.TopicSection;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jsoup.parser.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools kb offers over MCP. Each takes JSON arguments (with a schema), calls the same services as the HTTP
 * API, and answers with text for the model to read plus the API's JSON as structured content. A bad argument
 * or an unknown topic is a tool error the model can act on, never a protocol failure.
 */
final class McpTools {
    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final Kb.Services services;

    McpTools(Kb.Services services) {
        this.services = services;
    }

    /** What a tool answers: text for the model, and the structured result. */
    private record Answer(String text, Object structured) {
    }

    private interface Call {
        Answer call(ToolArguments args);
    }

    List<SyncToolSpecification> all(McpJsonMapper mapper) {
        return List.of(
                tool(mapper, "search_course", "Search a course",
                        "Full-text search over a course's topics (German and English, commands, YAML keys; typos are "
                                + "forgiven). Returns the best topics, each with its best section and a quote.",
                        """
                        {"type": "object", "additionalProperties": false, "required": ["query"],
                         "properties": {
                           "query": {"type": "string", "description": "Words, \\"phrases\\" and -exclusions"},
                           "course": {"type": "string", "description": "Only this course (its id)"},
                           "limit": {"type": "integer", "minimum": 1, "maximum": 20, "default": 5}}}
                        """, this::search),
                tool(mapper, "find_passages", "Find passages that answer a question",
                        "The course passages (about 150-250 words each, code blocks whole) that best answer a "
                                + "question, each with a citation: topic, section and a URL. For grounded answers.",
                        """
                        {"type": "object", "additionalProperties": false, "required": ["question"],
                         "properties": {
                           "question": {"type": "string"},
                           "course": {"type": "string"},
                           "k": {"type": "integer", "minimum": 1, "maximum": 20, "default": 5},
                           "maxChars": {"type": "integer", "minimum": 200, "maximum": 20000, "default": 4000}}}
                        """, this::passages),
                tool(mapper, "get_topic", "Read a topic or one of its sections",
                        "The markdown of a topic document, or of one section (with its subsections) when 'section' "
                                + "names its anchor. Name the topic by 'topicId', or by 'course' and 'path'.",
                        """
                        {"type": "object", "additionalProperties": false,
                         "properties": {
                           "topicId": {"type": "string"},
                           "course": {"type": "string"},
                           "path": {"type": "string", "description": "The document's path in the course"},
                           "section": {"type": "string", "description": "A heading's anchor"}}}
                        """, this::topic),
                tool(mapper, "get_prerequisites", "What to learn before a topic",
                        "Every prerequisite of a topic in a valid teaching order, ending with the topic, each with "
                                + "why it comes first. Name the topic by 'topicId', or by 'course' and 'path'.",
                        """
                        {"type": "object", "additionalProperties": false,
                         "properties": {
                           "topicId": {"type": "string"},
                           "course": {"type": "string"},
                           "path": {"type": "string"}}}
                        """, this::prerequisites),
                tool(mapper, "get_learning_path", "A learning path to several goals",
                        "The topics to learn, in teaching order, to reach the goal topics, leaving out what the "
                                + "learner already knows and everything it builds on. Goals and known topics are "
                                + "topic ids or paths of the course.",
                        """
                        {"type": "object", "additionalProperties": false, "required": ["course", "goals"],
                         "properties": {
                           "course": {"type": "string"},
                           "goals": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                           "known": {"type": "array", "items": {"type": "string"}}}}
                        """, this::learningPath),
                tool(mapper, "get_coverage", "A course's coverage report",
                        "What the agenda promises that no document delivers (with the topics that likely cover it), "
                                + "broken links, missing headings and images, orphan and empty documents, and "
                                + "failing external links, as a markdown report.",
                        """
                        {"type": "object", "additionalProperties": false, "required": ["course"],
                         "properties": {"course": {"type": "string"}}}
                        """, this::coverage));
    }

    private SyncToolSpecification tool(McpJsonMapper mapper, String name, String title, String description,
                                       String schema, Call call) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).title(title).description(description)
                .inputSchema(mapper, schema).build();
        BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler = (exchange, request) -> {
            try {
                Answer answer = call.call(new ToolArguments(request.arguments()));
                return McpSchema.CallToolResult.builder().addTextContent(answer.text())
                        .structuredContent(JSON.convertValue(answer.structured(), Map.class)).isError(false).build();
            } catch (InvalidInput | LimitExceeded | NotFound e) {
                return error(e.getMessage());
            } catch (RuntimeException e) {
                if (DatabaseUnavailable.isCauseOf(e)) {
                    LOG.warn("MCP tool {}: the database is unavailable: {}", name, Errors.rootMessage(e));
                    return error("the database is not answering; search_course and find_passages still work. "
                            + "Try again in a few seconds");
                }
                LOG.error("MCP tool {} failed", name, e);
                return error("the tool failed; the error has been logged");
            }
        };
        return SyncToolSpecification.builder().tool(tool).callHandler(handler).build();
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private Answer search(ToolArguments args) {
        String course = course(args);
        SearchResult result = services.search().search(new SearchService.Request(args.text("query", true), course,
                args.integer("limit", 5, 1, 20), 0));
        StringBuilder text = new StringBuilder(result.total() + " topics match");
        if (result.didYouMean() != null) {
            text.append(" (did you mean: ").append(result.didYouMean()).append("?)");
        }
        text.append(".\n");
        int i = 1;
        for (SearchHit hit : result.hits()) {
            text.append('\n').append(i++).append(". ").append(hit.title()).append(" — ");
            if (hit.external()) {
                text.append("external page ").append(hit.reference().url());
            } else {
                text.append(hit.path()).append(hit.anchor() == null ? "" : "#" + hit.anchor())
                        .append(" (topicId ").append(hit.topicId()).append(')');
            }
            text.append("\n   ").append(plain(hit.snippet())).append('\n');
        }
        return new Answer(text.toString(), result);
    }

    private Answer passages(ToolArguments args) {
        String course = course(args);
        Passages result = services.passages().passages(new PassageService.Request(args.text("question", true), course,
                args.integer("k", 5, 1, PassageService.MAX_K),
                args.integer("maxChars", 4_000, PassageService.MIN_CHARS, PassageService.MAX_CHARS)));
        StringBuilder text = new StringBuilder();
        int i = 1;
        for (Passages.Passage p : result.passages()) {
            Passages.Citation c = p.citation();
            text.append('[').append(i++).append("] ").append(c.title())
                    .append(c.heading() == null ? "" : " › " + c.heading()).append(" — ").append(c.path())
                    .append(" (").append(c.url()).append(")\n").append(p.text()).append("\n\n");
        }
        if (result.passages().isEmpty()) {
            text.append("No passage of the course matches the question.");
        }
        return new Answer(text.toString().strip(), result);
    }

    private Answer topic(ToolArguments args) {
        String id = topicId(args);
        String section = args.text("section", false);
        if (section != null) {
            TopicSection s = services.topics().section(id, section);
            return new Answer(s.markdown(), s);
        }
        Topic t = services.topics().get(id);
        return new Answer(t.markdown(), Map.of("topicId", t.id(), "course", t.course(), "path", t.path(),
                "title", t.title(), "headings", t.headings(), "markdown", t.markdown()));
    }

    private Answer prerequisites(ToolArguments args) {
        return path(services.graph().learningPath(topicId(args)));
    }

    private Answer learningPath(ToolArguments args) {
        return path(services.graph().learningPath(args.text("course", true), args.texts("goals"),
                args.texts("known")));
    }

    /** The steps with their reasons, each topic named by title and path as a reader (or model) knows it. */
    private static Answer path(LearningPath path) {
        Map<String, LearningPath.Step> steps = new HashMap<>();
        path.steps().forEach(step -> steps.put(step.topicId(), step));
        StringBuilder text = new StringBuilder("Teach in this order:\n");
        int i = 1;
        for (LearningPath.Step step : path.steps()) {
            text.append('\n').append(i++).append(". ").append(step.title()).append(" — ").append(step.path())
                    .append(step.goal() ? " (goal)" : "");
            for (LearningPath.Because b : step.because()) {
                LearningPath.Step later = steps.get(b.topicId());
                text.append("\n   before ").append(later == null ? "topic " + b.topicId()
                        : later.title() + " (" + later.path() + ")").append(": ").append(b.evidence());
            }
        }
        return new Answer(text.toString(), path);
    }

    private Answer coverage(ToolArguments args) {
        var report = services.coverage().report(args.text("course", true));
        return new Answer(CoverageMarkdown.render(report), report);
    }

    /** As the HTTP search routes do: a course the index holds needs no database, so these tools outlast it. */
    private String course(ToolArguments args) {
        return services.courses().filter(args.text("course", false), services.search()::indexes);
    }

    /** The topic named by 'topicId', or by 'course' and 'path'. */
    private String topicId(ToolArguments args) {
        String id = args.text("topicId", false);
        if (id != null) {
            return services.topics().require(id).id();
        }
        String course = args.text("course", false);
        String path = args.text("path", false);
        if (course == null || path == null) {
            throw new InvalidInput("topicId", "name the topic by 'topicId', or by 'course' and 'path'");
        }
        return byPath(course, path);
    }

    private String byPath(String course, String path) {
        var found = services.topics().list(course, path.replaceFirst("^/+", ""), 1, 0).items();
        if (found.isEmpty()) {
            throw new NotFound("topic", course + "/" + path);
        }
        return found.get(0).id();
    }

    /** A search snippet (escaped HTML with {@code <mark>}) as plain text, matches in bold. */
    private static String plain(String snippet) {
        return Parser.unescapeEntities(snippet.replace("<mark>", "**").replace("</mark>", "**"), false);
    }
}
