package org.firehub.ingest.bridge;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One external broker the hub subscribes to.
 *
 * @param name short name ({@code [a-z0-9-]{1,32}}): the {@code bridge} label of the metrics
 * @param serverUri {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId the MQTT client id; stable, because the broker keeps the session under it
 * @param username optional broker user
 * @param password optional broker password (from the file or {@code FIREHUB_BRIDGE_<NAME>_PASSWORD})
 * @param tls TLS settings, present for {@code ssl://}
 * @param topics the topic filters and how each maps onto a device and channel
 * @param keepAlive MQTT keep-alive
 * @param reconnectMin first reconnect delay, doubled after each failure
 * @param reconnectMax the reconnect delay's cap
 */
public record BridgeConfig(String name, String serverUri, String clientId, Optional<String> username,
                           Optional<String> password, Optional<TlsSettings> tls, List<TopicMapping> topics,
                           Duration keepAlive, Duration reconnectMin, Duration reconnectMax) {
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(60);

    public BridgeConfig {
        topics = List.copyOf(topics);
    }

    /** A plain bridge with the default timings, for tests and simple wiring. */
    public static BridgeConfig create(String name, String serverUri, String clientId, List<TopicMapping> topics) {
        return new BridgeConfig(name, serverUri, clientId, Optional.empty(), Optional.empty(), Optional.empty(), topics,
                DEFAULT_KEEP_ALIVE, DEFAULT_RECONNECT_MIN, DEFAULT_RECONNECT_MAX);
    }

    /** The mapping a topic falls under (the first that matches), with the device id it names. */
    Optional<Mapped> map(String topic) {
        for (TopicMapping mapping : topics) {
            Optional<String> id = mapping.deviceIdOf(topic);
            if (id.isPresent()) return Optional.of(new Mapped(id.get(), mapping));
        }
        return Optional.empty();
    }

    record Mapped(String rawDeviceId, TopicMapping mapping) {}

    @Override
    public String toString() {
        return "BridgeConfig[" + name + ", " + serverUri + ", clientId=" + clientId + ", topics=" + topics + "]";
    }
}
