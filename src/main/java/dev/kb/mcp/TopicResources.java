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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The topic documents as MCP resources, {@code kb://{course}/{path}} (see {@link TopicUris}), their markdown as
 * text. The list follows the index: {@link #refresh} adds and removes resources after a run. Through the template
 * a client can read any topic by its path, encoded as the list shows it or not.
 */
final class TopicResources {
    private static final String MARKDOWN = "text/markdown";

    private final Kb.Services services;
    private final Set<String> registered = new HashSet<>();

    TopicResources(Kb.Services services) {
        this.services = services;
    }

    McpServerFeatures.SyncResourceTemplateSpecification template() {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder().uriTemplate(TopicUris.TEMPLATE)
                .name("topic").title("A topic document of a course")
                .description("The markdown of a topic; {path} is its path in the course, percent-encoded as one "
                        + "segment (security%2F01-non-root.md), as resources/list shows it; unencoded slashes are read "
                        + "too.")
                .mimeType(MARKDOWN).build();
        return new McpServerFeatures.SyncResourceTemplateSpecification(template,
                (exchange, request) -> read(request.uri(), TopicUris.parse(request.uri())));
    }

    /** Brings the registered resources in line with the indexed topics. */
    synchronized void refresh(McpSyncServer server) {
        Set<String> current = new HashSet<>();
        for (CourseSummary course : services.courses().list()) {
            List<TopicSummary> topics = services.topics().list(course.id(), null, Integer.MAX_VALUE, 0).items();
            for (TopicSummary t : topics) {
                String uri = TopicUris.uri(course.id(), t.path());
                current.add(uri);
                if (registered.add(uri)) {
                    McpSchema.Resource resource = McpSchema.Resource.builder().uri(uri).name(t.path())
                            .title(t.title()).description("Topic " + t.id() + " of course " + course.id())
                            .mimeType(MARKDOWN).build();
                    server.addResource(new McpServerFeatures.SyncResourceSpecification(resource,
                            (exchange, request) -> read(uri, new TopicUris.Name(course.id(), t.path()))));
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

    private McpSchema.ReadResourceResult read(String uri, TopicUris.Name name) {
        List<TopicSummary> found;
        try {
            found = name == null ? List.of() : services.topics().list(name.course(), name.path(), 1, 0).items();
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
}
