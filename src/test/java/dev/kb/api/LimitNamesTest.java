package dev.kb.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kb.common.Limit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clients switch on a refusal's {@code limit}: every name kb can send is documented, and no other. */
class LimitNamesTest {

    @Test
    void every_limit_is_documented_in_the_contract_with_its_status() throws IOException {
        String text = Files.readString(Path.of("openapi.yaml"));
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(text);
        List<String> documented = new ArrayList<>();
        contract.at("/components/schemas/Problem/properties/limit/enum").forEach(n -> documented.add(n.asText()));
        List<String> names = java.util.Arrays.stream(Limit.values()).map(Limit::id).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(names);
        for (Limit limit : Limit.values()) {
            assertThat(limit.id()).matches("[a-z]+(-[a-z]+)*");
            // The conventions' table row: name | max | status.
            assertThat(text).containsPattern("\\| `" + limit.id() + "` \\|[^\\n]*\\| " + Problems.status(limit.kind())
                    + " \\|");
        }
    }
}
