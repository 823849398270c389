package org.firehub.rules.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.rules.DeviceRules;
import org.junit.jupiter.api.Test;

/**
 * {@code forDevice} runs for every message: with no override for the device it must not
 * allocate, or tens of thousands of messages a second would feed the garbage collector.
 */
class RuleBookHotPathTest {
    private static final int CALLS = 1_000_000;

    @Test
    void lookingUpRulesAllocatesNothingPerMessage() throws Exception {
        String shipped = java.nio.file.Files.readString(CatalogueFiles.config("rules.yaml"));
        CatalogueRuleBook book = new RuleCatalogueLoader(CatalogueFiles.config("rules.yaml"), CatalogueFiles.kinds(),
                Clock.systemUTC()).parse(shipped.replace("  venues: {}",
                        "  venues:\n    17:\n      electrical.residual_current: {raise_at: 500}\n    90000:\n      smoke.offline: {missed: 2}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).book();
        Device[] devices = {
                new Device(new DeviceId("S-1"), "smoke", 5, "G-01"),
                new Device(new DeviceId("E-1"), "electrical", 17, "G-01"),
                new Device(new DeviceId("S-2"), "smoke", 90000, "G-02"),
                new Device(new DeviceId("G-1"), "gas", 123456789L, "G-02")};
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < CALLS; i++) sink += book.forDevice(devices[i & 3]).thresholds().size(); // warm up
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            DeviceRules rules = book.forDevice(devices[i & 3]);
            sink += rules.thresholds().size();
        }
        long nanos = System.nanoTime() - started;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        System.out.printf("forDevice: %.1f ns/call, %d bytes allocated over %d calls (sink %d)%n",
                (double) nanos / CALLS, allocated, CALLS, sink);
        // A boxed venue id or a copied list per call would be >= 16 MB here.
        assertThat(allocated).as("bytes allocated by %d look-ups", CALLS).isLessThan(256 * 1024);
    }
}
