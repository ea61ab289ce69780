package dev.kb.mcp;

import dev.kb.common.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tool call's arguments, read the way the HTTP API reads parameters: a value kb cannot use names itself. */
record ToolArguments(Map<String, Object> values) {

    ToolArguments {
        values = values == null ? Map.of() : values;
    }

    String text(String name, boolean required) {
        Object v = values.get(name);
        if (v == null || v instanceof String s && s.isBlank()) {
            if (required) {
                throw new InvalidInput(name, "'" + name + "' is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidInput(name, "'" + name + "' must be a string");
        }
        return InvalidInput.noNul(name, s).strip();
    }

    int integer(String name, int defaultValue, int min, int max) {
        Object v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new InvalidInput(name, "'" + name + "' must be a whole number");
        }
        if (n.longValue() < min) {
            throw new InvalidInput(name, "'" + name + "' must be at least " + min);
        }
        return (int) Math.min(n.longValue(), max);
    }

    List<String> texts(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new InvalidInput(name, "'" + name + "' must be a list of strings");
        }
        List<String> result = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new InvalidInput(name, "'" + name + "' must be a list of strings");
            }
            result.add(InvalidInput.noNul(name, s).strip());
        }
        return result;
    }
}
