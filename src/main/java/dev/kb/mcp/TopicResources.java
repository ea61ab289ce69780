package dev.kb.mcp;

import dev.kb.app.Kb;
import dev.kb.common.NotFound;
import dev.kb.course.CourseSummary;
import dev.kb.topic.Topic;
import dev.kb.topic.TopicSummary;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topic documents as MCP resources, {@code kb://{course}/{path}} (each segment of the path percent-encoded),
 * their markdown as text. The list follows the index: {@link #refresh} adds and removes resources after a run.
 * The template takes the path as one percent-encoded segment, so a client can read any topic by its path.
 */
final class TopicResources {
    static final String TEMPLATE = "kb://{course}/{path}";
    private static final String MARKDOWN = "text/markdown";

    private final Kb.Services services;
    private final Set<String> registered = new HashSet<>();

    TopicResources(Kb.Services services) {
        this.services = services;
    }

    static String uri(String course, String path) {
        StringBuilder uri = new StringBuilder("kb://").append(encode(course));
        for (String segment : path.split("/")) {
            uri.append('/').append(encode(segment));
        }
        return uri.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    McpServerFeatures.SyncResourceTemplateSpecification template() {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder().uriTemplate(TEMPLATE)
                .name("topic").title("A topic document of a course")
                .description("The markdown of a topic; {path} is its path in the course, percent-encoded as one "
                        + "segment (security%2F01-non-root.md).")
                .mimeType(MARKDOWN).build();
        DefaultMcpUriTemplateManager variables = new DefaultMcpUriTemplateManager(TEMPLATE);
        return new McpServerFeatures.SyncResourceTemplateSpecification(template, (exchange, request) -> {
            Map<String, String> v = variables.extractVariableValues(request.uri());
            return read(request.uri(), decode(v.get("course")), decode(v.get("path")));
        });
    }

    /** Brings the registered resources in line with the indexed topics. */
    synchronized void refresh(McpSyncServer server) {
        Set<String> current = new HashSet<>();
        for (CourseSummary course : services.courses().list()) {
            List<TopicSummary> topics = services.topics().list(course.id(), null, Integer.MAX_VALUE, 0).items();
            for (TopicSummary t : topics) {
                String uri = uri(course.id(), t.path());
                current.add(uri);
                if (registered.add(uri)) {
                    McpSchema.Resource resource = McpSchema.Resource.builder().uri(uri).name(t.path())
                            .title(t.title()).description("Topic " + t.id() + " of course " + course.id())
                            .mimeType(MARKDOWN).build();
                    server.addResource(new McpServerFeatures.SyncResourceSpecification(resource,
                            (exchange, request) -> read(uri, course.id(), t.path())));
                }
            }
        }
        for (String gone : Set.copyOf(registered)) {
            if (!current.contains(gone)) {
                server.removeResource(gone);
                registered.remove(gone);
            }
        }
    }

    private McpSchema.ReadResourceResult read(String uri, String course, String path) {
        List<TopicSummary> found;
        try {
            found = course == null || path == null ? List.of() : services.topics().list(course, path, 1, 0).items();
        } catch (NotFound unknownCourse) {
            found = List.of();
        }
        if (found.isEmpty()) {
            throw McpError.RESOURCE_NOT_FOUND.apply(uri);
        }
        Topic topic = services.topics().get(found.get(0).id());
        return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, MARKDOWN,
                topic.markdown())));
    }

    private static String decode(String s) {
        return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
