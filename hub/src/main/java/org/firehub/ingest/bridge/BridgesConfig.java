package org.firehub.ingest.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The bridges this hub runs, from {@code config/bridges.yaml} (path overridable by
 * {@code FIREHUB_BRIDGES_FILE}). An absent file means no bridges; a malformed one is refused
 * whole, with the file and the entry named.
 */
public record BridgesConfig(List<BridgeConfig> bridges) {
    public static final String FILE_VARIABLE = "FIREHUB_BRIDGES_FILE";
    public static final Path DEFAULT_FILE = Path.of("config", "bridges.yaml");

    public BridgesConfig {
        bridges = List.copyOf(bridges);
    }

    public static BridgesConfig none() {
        return new BridgesConfig(List.of());
    }

    /** Reads the file {@code FIREHUB_BRIDGES_FILE} names (default {@code config/bridges.yaml}), if it exists. */
    public static BridgesConfig fromEnvironment(Map<String, String> env) throws BridgeConfigException {
        return fromEnvironment(env, DEFAULT_FILE);
    }

    /**
     * Reads the file {@code FIREHUB_BRIDGES_FILE} names, else {@code defaultFile} (e.g. the hub's
     * config directory's {@code bridges.yaml}) if it exists. A file named explicitly must exist.
     */
    public static BridgesConfig fromEnvironment(Map<String, String> env, Path defaultFile) throws BridgeConfigException {
        String override = env.get(FILE_VARIABLE);
        Path file = override == null || override.isBlank() ? defaultFile : Path.of(override);
        if (!Files.exists(file)) {
            if (override != null && !override.isBlank()) {
                throw new BridgeConfigException(file + ": no such file (named by " + FILE_VARIABLE + ")");
            }
            return none();
        }
        return load(file, env);
    }

    public static BridgesConfig load(Path file, Map<String, String> env) throws BridgeConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BridgeConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return BridgesConfigParser.parse(text, file.toString(), env);
    }
}
