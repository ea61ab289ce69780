package dev.kb.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kb.common.InvalidInput;
import io.javalin.http.Context;

/** Reading JSON request bodies; anything kb cannot use is a 400 problem naming the field. */
final class JsonBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    static JsonNode object(Context ctx) {
        JsonNode node;
        try {
            node = MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new InvalidInput("body", "the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInput("body", "the body must be a JSON object");
        }
        return node;
    }

    static String text(JsonNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            if (required) {
                throw new InvalidInput(field, "'" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInput(field, "'" + field + "' must be a string");
        }
        return InvalidInput.noNul(field, value.asText());
    }

    /** An integer at least {@code min}; values above {@code max} are capped, as for query parameters. */
    static int integer(JsonNode body, String field, int defaultValue, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber()) {
            throw new InvalidInput(field, "'" + field + "' must be a whole number");
        }
        if (value.asLong() < min) {
            throw new InvalidInput(field, "'" + field + "' must be at least " + min);
        }
        return (int) Math.min(value.asLong(), max);
    }
}
