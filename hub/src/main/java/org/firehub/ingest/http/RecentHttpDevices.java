package org.firehub.ingest.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.firehub.device.DeviceId;

/**
 * HTTP has no connection to count, so {@code firehub_connected_devices{transport="http"}} counts
 * the devices that stored a message over HTTP in the last five minutes (a bounded, self-expiring set).
 */
final class RecentHttpDevices {
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Cache<DeviceId, Boolean> heard = Caffeine.newBuilder()
            .expireAfterWrite(WINDOW).maximumSize(1_000_000).build();

    RecentHttpDevices(MeterRegistry registry) {
        Gauge.builder("firehub_connected_devices", this, RecentHttpDevices::count)
                .description("Devices connected (MQTT, CoAP sessions) or heard in the last 5 minutes (HTTP)")
                .tag("transport", "http").register(registry);
    }

    void heard(DeviceId device) {
        heard.put(device, Boolean.TRUE);
    }

    long count() {
        heard.cleanUp();
        return heard.estimatedSize();
    }
}
