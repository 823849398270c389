package org.firehub.ingest.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.firehub.device.Device;
import org.firehub.device.DeviceCredentials;
import org.firehub.device.DeviceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BridgedDevicesTest {
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final Map<String, Device> registered = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile boolean directoryDown;
    private final AtomicLong now = new AtomicLong();
    private final BridgedDevices devices = new BridgedDevices(id -> {
        lookups.incrementAndGet();
        if (directoryDown) return Future.failedFuture(new IllegalStateException("database down (test)"));
        return Future.succeededFuture(Optional.ofNullable(registered.get(id.value())).map(d -> new DeviceCredentials(d, new byte[32])));
    }, context, now::get);

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private Optional<Device> find(String id) {
        return Future.<Optional<Device>>future(p -> context.runOnContext(v -> devices.find(new DeviceId(id)).onComplete(p))).await();
    }

    @Test
    void aKnownDeviceIsAskedForOnceAMinute() {
        registered.put("s-1", new Device(new DeviceId("s-1"), "smoke", 1, "g"));
        assertThat(find("s-1")).isPresent();
        assertThat(find("s-1")).isPresent();
        assertThat(lookups.get()).isEqualTo(1);
        now.addAndGet(BridgedDevices.KNOWN_TTL_NANOS + 1);
        assertThat(find("s-1")).isPresent();
        assertThat(lookups.get()).isEqualTo(2);
    }

    @Test
    void aDeviceRegisteredAfterItsFirstMessageIsFoundOnceTheShortNegativeEntryExpires() {
        assertThat(find("late-1")).isEmpty();
        registered.put("late-1", new Device(new DeviceId("late-1"), "gas", 2, "g"));
        assertThat(find("late-1")).as("still cached as unknown").isEmpty();
        now.addAndGet(BridgedDevices.UNKNOWN_TTL_NANOS + 1);
        assertThat(find("late-1")).isPresent();
    }

    @Test
    void aFailedLookupIsNotCached() {
        registered.put("s-2", new Device(new DeviceId("s-2"), "smoke", 1, "g"));
        directoryDown = true;
        Future<Optional<Device>> failed = Future.future(p -> context.runOnContext(v -> devices.find(new DeviceId("s-2")).onComplete(p)));
        org.assertj.core.api.Assertions.assertThatThrownBy(failed::await).hasMessageContaining("database down");
        directoryDown = false;
        assertThat(find("s-2")).isPresent();
        assertThat(lookups.get()).isEqualTo(2);
    }
}
