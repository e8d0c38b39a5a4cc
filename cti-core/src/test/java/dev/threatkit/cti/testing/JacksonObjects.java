package dev.threatkit.cti.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the objects of a bundle, array or single object with Jackson alone: an independent reference. */
public final class JacksonObjects {
    private JacksonObjects() {}

    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(Json.open(file))) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    out.add(Json.MAPPER.readTree(p));
                }
                return out;
            }
            JsonNode root = Json.MAPPER.readTree(p);
            if ("bundle".equals(root.path("type").asText())) {
                root.path("objects").forEach(out::add);
            } else {
                out.add(root);
            }
        }
        return out;
    }
}
