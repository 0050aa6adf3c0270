package dev.cadre.plugins.testing;

import dev.cadre.plugins.support.Json;
import java.util.List;
import java.util.Map;

/** Small inputs with known answers for the testing handlers' tests. */
final class Fixtures {

    static final String ATTRIBUTES_JSON = Json.write(Json.object("attributes", List.of(
            attribute("id", "string", true, true),
            attribute("amount", "decimal", false, true),
            attribute("opened", "date", false, true),
            attribute("code", "code", false, false),
            attribute("note", "string", false, false))));

    static final String REQUEST = Json.write(Json.object("owner", "ops", "keyAttribute", "id",
            "attributes", List.of("amount", "opened", "code", "note"), "sampleIds", List.of("ID-1", "ID-2", "ID-3", "ID-9")));

    private Fixtures() {
    }

    private static Map<String, Object> attribute(String name, String type, boolean key, boolean cde) {
        return Json.object("name", name, "type", type, "key", key, "cde", cde, "owner", "ops", "pattern", "", "description", "");
    }
}
