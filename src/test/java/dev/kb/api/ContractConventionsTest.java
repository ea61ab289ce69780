package dev.kb.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The conventions CI's OpenAPI linters hold openapi.yaml to (.ci/lint: Redocly, Spectral), kept here too so that
 * {@code mvn verify} catches a new route that breaks them on a machine without Node.js: every operation says whether
 * it is public ({@code security: []}) or needs the admin token, belongs to a declared tag, is described, and names a
 * 4xx answer a client must handle.
 */
class ContractConventionsTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void every_operation_declares_its_security_a_declared_tag_a_description_and_a_4xx_answer() throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        Set<String> declaredTags = new HashSet<>();
        contract.path("tags").forEach(tag -> declaredTags.add(tag.path("name").asText()));
        Set<String> schemes = new HashSet<>();
        contract.path("components").path("securitySchemes").fieldNames().forEachRemaining(schemes::add);

        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                assertThat(operation.has("security")).as(where + ": security declared ([] when public)").isTrue();
                operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(
                        scheme -> assertThat(schemes).as(where + ": security scheme").contains(scheme)));
                assertThat(operation.path("tags").size()).as(where + ": tags").isPositive();
                operation.path("tags").forEach(tag -> assertThat(declaredTags).as(where + ": tag declared")
                        .contains(tag.asText()));
                assertThat(operation.path("description").asText()).as(where + ": description").isNotBlank();
                Set<String> statuses = new HashSet<>();
                operation.path("responses").fieldNames().forEachRemaining(statuses::add);
                assertThat(statuses).as(where + ": a 4xx answer").anyMatch(status -> status.startsWith("4"));
            }
        }
        assertThat(operations).isGreaterThan(20);
    }
}
