package org.firehub.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The device kinds known to this hub, loaded from {@code config/device-kinds.yaml} so that a
 * new kind, reading or event needs a config change and not a release.
 */
public final class DeviceKindCatalogue {
    private final Map<String, DeviceKind> kinds;

    private DeviceKindCatalogue(Map<String, DeviceKind> kinds) {
        this.kinds = Map.copyOf(kinds);
    }

    public static DeviceKindCatalogue load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    /** Parses a catalogue; a malformed one is refused whole, naming the file and the entry. */
    public static DeviceKindCatalogue parse(InputStream in, String source) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        JsonNode kindsNode = root == null ? null : root.get("kinds");
        if (kindsNode == null || !kindsNode.isObject() || kindsNode.isEmpty()) {
            throw new IOException(source + ": expected a non-empty 'kinds' map");
        }
        Map<String, DeviceKind> kinds = new LinkedHashMap<>();
        for (var entry : kindsNode.properties()) {
            String name = entry.getKey();
            JsonNode kindNode = entry.getValue();
            kinds.put(name, new DeviceKind(name,
                    names(kindNode, "readings", source + ": kind '" + name + "'"),
                    names(kindNode, "events", source + ": kind '" + name + "'")));
        }
        return new DeviceKindCatalogue(kinds);
    }

    private static Set<String> names(JsonNode kindNode, String field, String where) throws IOException {
        JsonNode list = kindNode == null ? null : kindNode.get(field);
        Set<String> names = new LinkedHashSet<>();
        if (list == null || list.isNull()) return names;
        if (!list.isArray()) throw new IOException(where + ": '" + field + "' must be a list");
        for (JsonNode item : list) {
            if (!item.isTextual() || !item.asText().matches("[a-z][a-z0-9_]{0,63}")) {
                throw new IOException(where + ": bad " + field + " name " + item);
            }
            names.add(item.asText());
        }
        return names;
    }

    public Optional<DeviceKind> kind(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    public Set<String> kindNames() {
        return kinds.keySet();
    }
}
