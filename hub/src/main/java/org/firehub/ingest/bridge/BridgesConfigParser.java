package org.firehub.ingest.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.firehub.ingest.Channel;

/**
 * Strict reading of the bridges file: unknown keys, missing keys, wrong types and bad values are
 * all refused with the file and the entry named, because a bridge that silently subscribes to
 * the wrong topics loses readings without anyone noticing.
 */
final class BridgesConfigParser {
    private static final Set<String> TOP_KEYS = Set.of("bridges");
    private static final Set<String> BRIDGE_KEYS = Set.of("name", "enabled", "url", "clientId", "username", "password",
            "tls", "topics", "keepAliveSeconds", "reconnectMinSeconds", "reconnectMaxSeconds");
    private static final Set<String> TLS_KEYS = Set.of("caFile", "clientCertFile", "clientCertPassword", "verifyHostname");
    private static final Set<String> TOPIC_KEYS = Set.of("pattern", "channel");
    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,31}";

    private final String source;
    private final Map<String, String> env;

    private BridgesConfigParser(String source, Map<String, String> env) {
        this.source = source;
        this.env = env;
    }

    static BridgesConfig parse(String yaml, String source, Map<String, String> env) throws BridgeConfigException {
        return new BridgesConfigParser(source, env).parse(yaml);
    }

    /** The environment variable that may hold a bridge's broker password. */
    static String passwordVariable(String bridgeName) {
        return "FIREHUB_BRIDGE_" + bridgeName.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
    }

    /** The environment variable that may hold a bridge's PKCS#12 password. */
    static String certPasswordVariable(String bridgeName) {
        return "FIREHUB_BRIDGE_" + bridgeName.toUpperCase(Locale.ROOT).replace('-', '_') + "_CERT_PASSWORD";
    }

    private BridgesConfig parse(String yaml) throws BridgeConfigException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new BridgeConfigException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) return BridgesConfig.none();
        if (!root.isObject()) throw fail("the file", "expected a map with a 'bridges' list");
        onlyKeys(root, TOP_KEYS, "the file");
        JsonNode list = root.get("bridges");
        if (list == null || list.isNull()) return BridgesConfig.none();
        if (!list.isArray()) throw fail("bridges", "must be a list");
        List<BridgeConfig> bridges = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> clientIds = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = "bridges[" + i + "]" + (node.path("name").isTextual() ? " (" + node.get("name").asText() + ")" : "");
            Optional<BridgeConfig> bridge = bridge(node, where);
            if (bridge.isEmpty()) continue;
            if (!names.add(bridge.get().name())) throw fail(where, "name '" + bridge.get().name() + "' is used twice");
            if (!clientIds.add(bridge.get().serverUri() + " " + bridge.get().clientId())) {
                throw fail(where, "clientId '" + bridge.get().clientId() + "' is used twice for the same broker: "
                        + "the broker would keep only one of the two sessions");
            }
            bridges.add(bridge.get());
        }
        return new BridgesConfig(bridges);
    }

    /** A bridge entry, or empty when it is switched off ({@code enabled: false}, still validated). */
    private Optional<BridgeConfig> bridge(JsonNode node, String where) throws BridgeConfigException {
        if (!node.isObject()) throw fail(where, "must be a map");
        onlyKeys(node, BRIDGE_KEYS, where);
        String name = text(node, "name", where, true);
        if (!name.matches(NAME_PATTERN)) throw fail(where, "name must match " + NAME_PATTERN + ": '" + name + "'");
        boolean enabled = bool(node, "enabled", where, true);
        String url = text(node, "url", where, true);
        boolean ssl = url.startsWith("ssl://");
        if (!(ssl || url.startsWith("tcp://")) || !url.matches("(tcp|ssl)://[^/:\\s]+(:\\d{1,5})?")) {
            throw fail(where, "url must be tcp://host[:port] or ssl://host[:port]: '" + url + "'");
        }
        String clientId = text(node, "clientId", where, true);
        if (!clientId.matches("[0-9A-Za-z_.:-]{1,128}")) {
            throw fail(where, "clientId must match [0-9A-Za-z_.:-]{1,128}: '" + clientId + "'");
        }
        Optional<String> username = Optional.ofNullable(text(node, "username", where, false));
        Optional<String> password = Optional.ofNullable(env.get(passwordVariable(name)))
                .or(() -> Optional.ofNullable(node.path("password").isTextual() ? node.get("password").asText() : null));
        if (node.has("password") && !node.get("password").isTextual()) throw fail(where, "'password' must be text");
        if (password.isPresent() && username.isEmpty()) throw fail(where, "a password needs a username");
        Optional<TlsSettings> tls = tls(node.get("tls"), name, where + ".tls");
        if (tls.isPresent() && !ssl) throw fail(where, "'tls' is set but the url is not ssl://");
        if (ssl && tls.isEmpty()) tls = Optional.of(new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty(), true));
        List<TopicMapping> topics = topics(node.get("topics"), where);
        Duration keepAlive = seconds(node, "keepAliveSeconds", where, BridgeConfig.DEFAULT_KEEP_ALIVE);
        Duration reconnectMin = seconds(node, "reconnectMinSeconds", where, BridgeConfig.DEFAULT_RECONNECT_MIN);
        Duration reconnectMax = seconds(node, "reconnectMaxSeconds", where, BridgeConfig.DEFAULT_RECONNECT_MAX);
        if (reconnectMin.isZero() || reconnectMax.compareTo(reconnectMin) < 0) {
            throw fail(where, "need 0 < reconnectMinSeconds <= reconnectMaxSeconds");
        }
        if (!enabled) return Optional.empty();
        return Optional.of(new BridgeConfig(name, url, clientId, username, password, tls, topics, keepAlive,
                reconnectMin, reconnectMax));
    }

    private Optional<TlsSettings> tls(JsonNode node, String bridgeName, String where) throws BridgeConfigException {
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isObject()) throw fail(where, "must be a map");
        onlyKeys(node, TLS_KEYS, where);
        Optional<Path> ca = Optional.ofNullable(text(node, "caFile", where, false)).map(Path::of);
        Optional<Path> cert = Optional.ofNullable(text(node, "clientCertFile", where, false)).map(Path::of);
        String certPasswordInFile = text(node, "clientCertPassword", where, false);
        Optional<String> certPassword = Optional.ofNullable(env.get(certPasswordVariable(bridgeName)))
                .or(() -> Optional.ofNullable(certPasswordInFile));
        if (certPassword.isPresent() && cert.isEmpty()) throw fail(where, "clientCertPassword without clientCertFile");
        boolean verify = bool(node, "verifyHostname", where, true);
        return Optional.of(new TlsSettings(ca, cert, certPassword, verify));
    }

    private List<TopicMapping> topics(JsonNode list, String where) throws BridgeConfigException {
        if (list == null || !list.isArray() || list.isEmpty()) throw fail(where, "'topics' must be a non-empty list");
        List<TopicMapping> topics = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = where + ".topics[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) throw fail(at, "must be a map with 'pattern' and 'channel'");
            onlyKeys(node, TOPIC_KEYS, at);
            String pattern = text(node, "pattern", at, true);
            List<String> problems = TopicMapping.problemsOf(pattern);
            if (!problems.isEmpty()) throw fail(at, "pattern '" + pattern + "': " + String.join("; ", problems));
            String channel = text(node, "channel", at, true);
            Channel parsed = switch (channel) {
                case "telemetry" -> Channel.TELEMETRY;
                case "events" -> Channel.EVENTS;
                default -> throw fail(at, "channel must be 'telemetry' or 'events': '" + channel + "'");
            };
            topics.add(new TopicMapping(pattern, parsed));
        }
        return topics;
    }

    private void onlyKeys(JsonNode node, Set<String> allowed, String where) throws BridgeConfigException {
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw fail(where, "unknown key '" + key + "' (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private String text(JsonNode node, String key, String where, boolean required) throws BridgeConfigException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) throw fail(where, "'" + key + "' is missing");
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) throw fail(where, "'" + key + "' must be non-empty text");
        return value.asText();
    }

    private boolean bool(JsonNode node, String key, String where, boolean otherwise) throws BridgeConfigException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return otherwise;
        if (!value.isBoolean()) throw fail(where, "'" + key + "' must be true or false");
        return value.asBoolean();
    }

    private Duration seconds(JsonNode node, String key, String where, Duration otherwise) throws BridgeConfigException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return otherwise;
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > 3600) {
            throw fail(where, "'" + key + "' must be a whole number of seconds, 1-3600");
        }
        return Duration.ofSeconds(value.asLong());
    }

    private BridgeConfigException fail(String where, String problem) {
        return new BridgeConfigException(source + ": " + where + ": " + problem);
    }
}
