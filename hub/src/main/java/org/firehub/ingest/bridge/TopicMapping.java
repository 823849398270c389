package org.firehub.ingest.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.firehub.ingest.Channel;

/**
 * How the topics of an external broker map onto the wire contract: a pattern such as
 * {@code site/+/dev/{deviceId}/telemetry} whose {@code {deviceId}} level names the device, with
 * the MQTT wildcards {@code +} (one level) and {@code #} (the rest, last level only), and the
 * channel its messages go to. The broker subscription is the pattern with {@code {deviceId}}
 * replaced by {@code +}.
 */
public record TopicMapping(String pattern, Channel channel) {
    static final String DEVICE_ID = "{deviceId}";

    public TopicMapping {
        List<String> problems = problemsOf(pattern);
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        if (channel == null) throw new IllegalArgumentException("channel is missing");
    }

    /** What is wrong with a pattern, in words an operator can act on; empty when it is valid. */
    static List<String> problemsOf(String pattern) {
        List<String> problems = new ArrayList<>();
        if (pattern == null || pattern.isEmpty()) {
            problems.add("pattern is empty");
            return problems;
        }
        String[] levels = pattern.split("/", -1);
        int deviceLevels = 0;
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals(DEVICE_ID)) {
                deviceLevels++;
            } else if (level.equals("+")) {
                continue;
            } else if (level.equals("#")) {
                if (i != levels.length - 1) problems.add("'#' must be the last level");
            } else if (level.contains("#") || level.contains("+")) {
                problems.add("wildcards must fill a whole level: '" + level + "'");
            } else if (level.contains("{") || level.contains("}")) {
                problems.add("the only placeholder is a whole level " + DEVICE_ID + ": '" + level + "'");
            }
        }
        if (deviceLevels != 1) problems.add("needs exactly one " + DEVICE_ID + " level, has " + deviceLevels);
        return problems;
    }

    /** The topic filter to subscribe to on the broker. */
    public String subscription() {
        return pattern.replace(DEVICE_ID, "+");
    }

    /**
     * The raw {@code {deviceId}} level of a topic this pattern matches, or empty when it does not
     * match. The level is not validated here: a topic can match while naming no valid device.
     */
    public Optional<String> deviceIdOf(String topic) {
        if (topic == null) return Optional.empty();
        String[] want = pattern.split("/", -1);
        String[] have = topic.split("/", -1);
        String deviceId = null;
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals("#")) return Optional.ofNullable(deviceId);
            if (i >= have.length) return Optional.empty();
            switch (want[i]) {
                case "+" -> { /* any one level */ }
                case DEVICE_ID -> deviceId = have[i];
                default -> {
                    if (!want[i].equals(have[i])) return Optional.empty();
                }
            }
        }
        return want.length == have.length ? Optional.ofNullable(deviceId) : Optional.empty();
    }
}
