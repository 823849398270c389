package org.firehub.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The hub's settings. Every key is an environment variable of the operator contract
 * ({@code FIREHUB_HTTP_PORT}, ...); a properties file ({@code FIREHUB_CONFIG}, default
 * {@code config/firehub.properties}) may hold the same keys, and the environment wins.
 */
public record HubConfig(Map<String, String> values) {

    public HubConfig {
        values = Map.copyOf(values);
    }

    /** Reads the config file (when present) overlaid by the process environment. */
    public static HubConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static HubConfig from(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        Path file = Path.of(env.getOrDefault("FIREHUB_CONFIG", "config/firehub.properties"));
        if (Files.isRegularFile(file)) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read config file " + file + ": " + e.getMessage(), e);
            }
            props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k).trim()));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("FIREHUB_")) merged.put(k, v);
        });
        merged.values().removeIf(String::isBlank);
        return new HubConfig(merged);
    }

    public HubConfig with(String key, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(key, value);
        return new HubConfig(copy);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int intValue(String key, int fallback) {
        String raw = values.get(key);
        if (raw == null) return fallback;
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'");
        }
    }

    public long longValue(String key, long fallback) {
        String raw = values.get(key);
        if (raw == null) return fallback;
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'");
        }
    }

    public Path home() {
        return Path.of(get("FIREHUB_HOME", "var")).toAbsolutePath();
    }

    public Path configDir() {
        return Path.of(get("FIREHUB_CONFIG_DIR", "config")).toAbsolutePath();
    }

    public int httpPort() {
        return intValue("FIREHUB_HTTP_PORT", 8080);
    }

    public int mqttPort() {
        return intValue("FIREHUB_MQTT_PORT", 1883);
    }

    public int mqttsPort() {
        return intValue("FIREHUB_MQTTS_PORT", 8883);
    }

    public int coapPort() {
        return intValue("FIREHUB_COAP_PORT", 5683);
    }

    public int coapsPort() {
        return intValue("FIREHUB_COAPS_PORT", 5684);
    }

    public String bindHost() {
        return get("FIREHUB_BIND_HOST", "0.0.0.0");
    }

    public Optional<String> influxUrl() {
        return get("FIREHUB_INFLUX_URL");
    }

    public String influxDb() {
        return get("FIREHUB_INFLUX_DB", "firehub");
    }

    public Optional<String> pgUrl() {
        return get("FIREHUB_PG_URL");
    }
}
