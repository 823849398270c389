package org.firehub.ingest.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one bridge (Prometheus names):
 * <ul>
 *   <li>{@code firehub_bridge_connected{bridge}}: 1 while connected and subscribed, else 0;</li>
 *   <li>{@code firehub_bridge_messages_total{bridge,outcome}}: messages the bridge finished with,
 *       by {@link Outcome#label()}; every one of them was acknowledged to the broker;</li>
 *   <li>{@code firehub_bridge_retries_total{bridge,cause}}: messages offered again later because the
 *       spool was full ({@code spool_full}) or the store or device lookup failed ({@code error}).</li>
 * </ul>
 * Ingest-level counting stays with {@code firehub_ingest_*{transport="bridge"}}.
 */
final class BridgeMetrics {
    enum Outcome {
        /** Durable in the spool. */
        STORED("stored"),
        /** A redelivery of a stored seq. */
        DUPLICATE("duplicate"),
        /** Body refused by the ingest path (counted there by reason). */
        REJECTED("rejected"),
        /** The topic names a device the hub does not know. */
        UNKNOWN_DEVICE("unknown_device"),
        /** The topic matches no mapping or names no valid device id. */
        BAD_TOPIC("bad_topic");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Counter spoolFullRetries;
    private final Counter errorRetries;
    private final AtomicInteger connected = new AtomicInteger();

    BridgeMetrics(MeterRegistry registry, String bridge) {
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("firehub.bridge.messages")
                    .description("Messages taken from an external broker, by outcome")
                    .tag("bridge", bridge).tag("outcome", outcome.label()).register(registry));
        }
        spoolFullRetries = retries(registry, bridge, "spool_full");
        errorRetries = retries(registry, bridge, "error");
        Gauge.builder("firehub.bridge.connected", connected, AtomicInteger::get)
                .description("1 while the bridge is connected to its broker and subscribed")
                .tag("bridge", bridge).register(registry);
    }

    private static Counter retries(MeterRegistry registry, String bridge, String cause) {
        return Counter.builder("firehub.bridge.retries")
                .description("Bridged messages offered again later instead of being acknowledged")
                .tag("bridge", bridge).tag("cause", cause).register(registry);
    }

    void outcome(Outcome outcome) {
        outcomes.get(outcome).increment();
    }

    void retried(boolean spoolFull) {
        (spoolFull ? spoolFullRetries : errorRetries).increment();
    }

    void connected(boolean up) {
        connected.set(up ? 1 : 0);
    }
}
