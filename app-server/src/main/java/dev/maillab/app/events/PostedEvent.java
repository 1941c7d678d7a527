package dev.maillab.app.events;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /api/events} read strictly: one JSON object, {@code "kind":"app.send"} and every field of
 * {@link AppSend} (null where the field allows it), nothing else.
 */
final class PostedEvent {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PostedEvent() {}

    /** @throws IllegalArgumentException saying why it is not an app.send event */
    static AppSend appSend(byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + oneLine(e.getOriginalMessage()));
        }
        if (!(tree instanceof ObjectNode event)) {
            throw new IllegalArgumentException("an event is a JSON object");
        }
        JsonNode kind = event.remove("kind");
        if (kind == null || !kind.isString() || !AppSend.KIND.equals(kind.asString())) {
            throw new IllegalArgumentException("kind must be \"app.send\": the only kind posted here");
        }
        try {
            return JSON.treeToValue(event, AppSend.class).checked();
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not an app.send event: " + oneLine(e.getOriginalMessage()));
        }
    }

    private static String oneLine(String s) {
        String line = s == null ? "unreadable" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
