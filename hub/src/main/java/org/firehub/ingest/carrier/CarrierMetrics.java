package org.firehub.ingest.carrier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the carrier webhooks (Prometheus names):
 * <ul>
 *   <li>{@code firehub_carrier_unmapped_fields_total{subscription,field}}: vendor fields (or
 *       status codes) the product mapping does not know; skipped;</li>
 *   <li>{@code firehub_carrier_unknown_devices_total{subscription}}: pushes for a device the
 *       registry does not have; answered 200, nothing stored;</li>
 *   <li>{@code firehub_carrier_presence_total{subscription,state}}: online/offline reports
 *       ({@code state} = online|offline), the platform's view of the device's connection.</li>
 * </ul>
 * The {@code field} label is bounded by what signed pushes of configured products contain,
 * never by anonymous input: unsigned pushes are refused before mapping.
 */
final class CarrierMetrics {
    private final MeterRegistry registry;

    CarrierMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void unmapped(String subscription, String field) {
        Counter.builder("firehub.carrier.unmapped.fields")
                .description("Carrier vendor fields no product mapping covers, skipped")
                .tag("subscription", subscription).tag("field", field.length() > 64 ? field.substring(0, 64) : field)
                .register(registry).increment();
    }

    void unknownDevice(String subscription) {
        Counter.builder("firehub.carrier.unknown.devices")
                .description("Carrier pushes for devices not registered in firehub (acknowledged, not stored)")
                .tag("subscription", subscription).register(registry).increment();
    }

    void presence(String subscription, boolean online) {
        Counter.builder("firehub.carrier.presence")
                .description("Online/offline reports pushed by carrier platforms")
                .tag("subscription", subscription).tag("state", online ? "online" : "offline")
                .register(registry).increment();
    }
}
