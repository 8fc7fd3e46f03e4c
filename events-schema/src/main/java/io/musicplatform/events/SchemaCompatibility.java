package io.musicplatform.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Decides whether a new version of an event schema can replace the old one on the same topic. Only
 * additive changes pass: new optional properties, new enum values, relaxed constraints, new
 * descriptions. Everything else is reported, because a consumer built against one version must
 * read every record written with the other, including years of history on the topic.
 *
 * <p>Structural keywords (type, enum, properties, required, items) are compared precisely and
 * recursively; any other validation keyword (pattern, format, minimum, additionalProperties, $ref...)
 * that appears or changes is reported as a narrowing, since this checker cannot prove it harmless.
 */
public final class SchemaCompatibility {

    /** Keywords that document a schema without constraining data. */
    private static final Set<String> ANNOTATIONS = Set.of(
            "$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated",
            "readOnly", "writeOnly");

    private static final Set<String> STRUCTURAL = Set.of("type", "enum", "properties", "required", "items");

    /** Values that constrain nothing, so going from absent to one of these is not a narrowing. */
    private static final Map<String, String> NO_CONSTRAINT = Map.of(
            "additionalProperties", "true",
            "uniqueItems", "false",
            "minLength", "0",
            "minItems", "0");

    private SchemaCompatibility() {
    }

    /** @return one human-readable line per breaking change; empty when {@code newSchema} may replace {@code oldSchema} */
    public static List<String> check(String oldSchema, String newSchema) {
        return check(parse("old", oldSchema), parse("new", newSchema));
    }

    /** @return one human-readable line per breaking change; empty when {@code newSchema} may replace {@code oldSchema} */
    public static List<String> check(JsonNode oldSchema, JsonNode newSchema) {
        List<String> breaks = new ArrayList<>();
        compare("$", oldSchema, newSchema, breaks);
        return List.copyOf(breaks);
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<String> breaks) {
        compareType(path, before, after, breaks);
        compareEnum(path, before, after, breaks);
        compareProperties(path, before, after, breaks);
        compareRequired(path, before, after, breaks);
        compareItems(path, before, after, breaks);
        compareOtherKeywords(path, before, after, breaks);
    }

    private static void compareType(String path, JsonNode before, JsonNode after, List<String> breaks) {
        Set<String> was = types(before);
        Set<String> is = types(after);
        if (!was.equals(is)) {
            // Widening counts too: a consumer of the old schema rejects a null where it expected a string.
            breaks.add(path + ": type changed from " + describeTypes(was) + " to " + describeTypes(is));
        }
    }

    private static void compareEnum(String path, JsonNode before, JsonNode after, List<String> breaks) {
        JsonNode was = before.get("enum");
        JsonNode is = after.get("enum");
        if (is == null) {
            return;
        }
        if (was == null) {
            breaks.add(path + ": enum " + is + " added, values outside it become invalid");
            return;
        }
        Set<JsonNode> kept = new LinkedHashSet<>(is.values());
        for (JsonNode value : was.values()) {
            if (!kept.contains(value)) {
                breaks.add(path + ": enum value " + value + " removed");
            }
        }
    }

    private static void compareProperties(String path, JsonNode before, JsonNode after, List<String> breaks) {
        JsonNode was = before.path("properties");
        JsonNode is = after.path("properties");
        for (Map.Entry<String, JsonNode> property : was.properties()) {
            String at = path + "." + property.getKey();
            JsonNode next = is.get(property.getKey());
            if (next == null) {
                breaks.add(at + ": property removed");
            } else {
                compare(at, property.getValue(), next, breaks);
            }
        }
    }

    private static void compareRequired(String path, JsonNode before, JsonNode after, List<String> breaks) {
        Set<String> was = strings(before.path("required"));
        Set<String> is = strings(after.path("required"));
        JsonNode oldProperties = before.path("properties");
        JsonNode newProperties = after.path("properties");
        for (String name : is) {
            if (!was.contains(name)) {
                breaks.add(path + "." + name + (oldProperties.has(name)
                        ? ": optional property became required, records without it become invalid"
                        : ": new property is required, every existing record lacks it"));
            }
        }
        for (String name : was) {
            if (!is.contains(name) && newProperties.has(name)) {
                breaks.add(path + "." + name
                        + ": required property became optional, consumers of the old schema reject records without it");
            }
        }
    }

    private static void compareItems(String path, JsonNode before, JsonNode after, List<String> breaks) {
        JsonNode was = before.get("items");
        JsonNode is = after.get("items");
        if (was != null && is != null) {
            compare(path + "[]", was, is, breaks);
        } else if (is != null) {
            breaks.add(path + ": items schema " + is + " added, narrows what array elements may be");
        }
    }

    private static void compareOtherKeywords(String path, JsonNode before, JsonNode after, List<String> breaks) {
        for (Map.Entry<String, JsonNode> keyword : after.properties()) {
            String name = keyword.getKey();
            if (ANNOTATIONS.contains(name) || STRUCTURAL.contains(name)) {
                continue;
            }
            JsonNode is = keyword.getValue();
            JsonNode was = before.get(name);
            if (was == null) {
                if (!is.toString().equals(NO_CONSTRAINT.get(name))) {
                    breaks.add(path + ": " + name + " " + is + " added, narrows what is valid");
                }
            } else if (!was.equals(is)) {
                breaks.add(path + ": " + name + " changed from " + was + " to " + is);
            }
        }
    }

    /** The declared types; empty when the schema allows any type. */
    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return Set.of();
        }
        return type.isArray() ? strings(type) : Set.of(type.asString());
    }

    private static String describeTypes(Set<String> types) {
        return types.isEmpty() ? "any" : String.join("|", types.stream().sorted().toList());
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.values().forEach(value -> values.add(value.asString()));
        return values;
    }

    private static JsonNode parse(String which, String schema) {
        try {
            return EventJson.MAPPER.readTree(schema);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The " + which + " schema is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
