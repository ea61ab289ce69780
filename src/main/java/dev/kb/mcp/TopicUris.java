package dev.kb.mcp;

import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The URIs of topic resources, {@value #TEMPLATE}: the course and the whole path each percent-encoded as one
 * segment ({@code kb://fixture-course/security%2F01-non-root.md}), as the template says and the list shows. A
 * client may also send the path unencoded, its slashes as written ({@code kb://fixture-course/security/01-non-root.md});
 * the SDK's template matching takes a variable to the next slash, so this factory matches the template itself.
 */
final class TopicUris implements McpUriTemplateManagerFactory {
    static final String TEMPLATE = "kb://{course}/{path}";
    private static final String SCHEME = "kb://";

    /** A topic named by a URI. */
    record Name(String course, String path) {
    }

    static String uri(String course, String path) {
        return SCHEME + encode(course) + "/" + encode(path);
    }

    /** The course and path a URI names, encoded or not; null when it names none (or its escapes are broken). */
    static Name parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            return null;
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return null;
        }
        try {
            StringBuilder path = new StringBuilder();
            for (String segment : rest.substring(slash + 1).split("/", -1)) {
                path.append(path.isEmpty() ? "" : "/").append(decode(segment));
            }
            String course = decode(rest.substring(0, slash));
            // A NUL names nothing (PostgreSQL text cannot hold one), so it never reaches a query.
            return course.indexOf('\0') >= 0 || path.indexOf("\0") >= 0 ? null : new Name(course, path.toString());
        } catch (IllegalArgumentException brokenEscape) {
            return null;
        }
    }

    @Override
    public McpUriTemplateManager create(String uriTemplate) {
        return TEMPLATE.equals(uriTemplate) ? new Template() : new DefaultMcpUriTemplateManager(uriTemplate);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@value #TEMPLATE} with {path} running to the end of the URI, slashes and all. */
    private static final class Template implements McpUriTemplateManager {
        @Override
        public List<String> getVariableNames() {
            return List.of("course", "path");
        }

        @Override
        public Map<String, String> extractVariableValues(String uri) {
            Name name = parse(uri);
            return name == null ? Map.of() : Map.of("course", name.course(), "path", name.path());
        }

        @Override
        public boolean matches(String uri) {
            return parse(uri) != null;
        }

        @Override
        public boolean isUriTemplate(String uri) {
            return uri.contains("{");
        }
    }
}
