package org.firehub.ingest.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier subscriptions of {@code config/carriers.yaml} and the product mappings of
 * {@code config/carriers/<product>.yaml}. A subscription's secret comes from
 * {@code FIREHUB_CARRIER_<NAME>_SECRET} (preferred) or its {@code secret} key; a subscription
 * with neither is left out with a warning (its pushes get 404), because an unverified webhook
 * would let anyone write readings. A malformed file fails the load with the file and key named.
 */
public final class CarrierConfig {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierConfig.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Subscription> subscriptions;

    private CarrierConfig(Map<String, Subscription> subscriptions) {
        this.subscriptions = Map.copyOf(subscriptions);
    }

    public static CarrierConfig of(Subscription... subscriptions) {
        Map<String, Subscription> byKey = new LinkedHashMap<>();
        for (Subscription s : subscriptions) byKey.put(key(s.platform(), s.name()), s);
        return new CarrierConfig(byKey);
    }

    /** No file: no subscriptions (the carrier endpoints answer 404). */
    public static CarrierConfig load(Path carriersYaml, Function<String, String> env) throws IOException {
        if (!Files.exists(carriersYaml)) return new CarrierConfig(Map.of());
        JsonNode root = YAML.readTree(carriersYaml.toFile());
        Path productDir = carriersYaml.resolveSibling("carriers");
        Map<String, ProductMapping> products = new HashMap<>();
        Map<String, Subscription> byKey = new LinkedHashMap<>();
        JsonNode list = root == null ? null : root.get("subscriptions");
        if (list == null || list.isNull()) return new CarrierConfig(Map.of());
        if (!list.isArray()) throw new IOException(carriersYaml + ": 'subscriptions' must be a list");
        for (JsonNode node : list) {
            String name = text(node, "name", carriersYaml);
            String where = carriersYaml + ": subscription '" + name + "'";
            if (!NAME.matcher(name).matches()) throw new IOException(where + ": name must match [A-Za-z0-9_-]{1,64}");
            CarrierPlatform platform;
            DeviceIdTemplate template;
            try {
                platform = CarrierPlatform.parse(text(node, "platform", carriersYaml), where);
                template = new DeviceIdTemplate(text(node, "device_id", carriersYaml));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
            Optional<String> secret = Optional.ofNullable(env.apply(Subscription.secretVariable(name)))
                    .or(() -> Optional.ofNullable(node.path("secret").textValue()))
                    .filter(s -> !s.isBlank());
            if (secret.isEmpty()) {
                LOG.warn("{}: no secret ({} unset), subscription disabled", where, Subscription.secretVariable(name));
                continue;
            }
            ProductMapping fallback = product(productDir, text(node, "product", carriersYaml), products);
            Map<String, ProductMapping> byPlatformId = new LinkedHashMap<>();
            node.path("products").properties().forEach(e -> byPlatformId.put(e.getKey(), null));
            for (String platformProductId : byPlatformId.keySet()) {
                byPlatformId.put(platformProductId,
                        product(productDir, node.path("products").path(platformProductId).asText(), products));
            }
            Subscription subscription = new Subscription(name, platform, secret.get(), template, fallback, byPlatformId);
            if (byKey.put(key(platform, name), subscription) != null) throw new IOException(where + ": defined twice");
        }
        return new CarrierConfig(byKey);
    }

    public Optional<Subscription> find(CarrierPlatform platform, String name) {
        return Optional.ofNullable(subscriptions.get(key(platform, name)));
    }

    public int size() {
        return subscriptions.size();
    }

    private static String key(CarrierPlatform platform, String name) {
        return platform.label() + "/" + name;
    }

    private static ProductMapping product(Path dir, String name, Map<String, ProductMapping> loaded) throws IOException {
        ProductMapping known = loaded.get(name);
        if (known != null) return known;
        if (!NAME.matcher(name).matches()) throw new IOException("product mapping name must match [A-Za-z0-9_-]{1,64}: " + name);
        ProductMapping mapping = ProductMappings.load(dir.resolve(name + ".yaml"), name);
        loaded.put(name, mapping);
        return mapping;
    }

    static String text(JsonNode node, String field, Path file) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IOException(file + ": '" + field + "' is required in " + node);
        }
        return value.asText();
    }

    static Set<String> strings(JsonNode list) {
        Set<String> out = new LinkedHashSet<>();
        if (list != null && list.isArray()) list.forEach(item -> out.add(item.asText()));
        return out;
    }
}
