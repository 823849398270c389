package org.firehub.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromMetricsTest {
    private static final String EXPOSITION = """
            # HELP firehub_connected_devices Authenticated live device connections
            # TYPE firehub_connected_devices gauge
            firehub_connected_devices{transport="coap"} 3.0
            firehub_connected_devices{transport="mqtt"} 10000.0
            firehub_connected_devices_total{transport="mqtt"} 99.0
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2.0E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.0E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
            process_uptime_seconds 12.5
            """;

    @Test
    void picksTheLabelledSampleAndNotALongerNameWithTheSamePrefix() {
        assertEquals(10000.0, PromMetrics.sum(EXPOSITION, "firehub_connected_devices", "transport=\"mqtt\""));
    }

    @Test
    void sumsEveryHeapPoolButNoNonHeap() {
        assertEquals(3.0E7, PromMetrics.sum(EXPOSITION, "jvm_memory_used_bytes", "area=\"heap\""));
    }

    @Test
    void readsAnUnlabelledSample() {
        assertEquals(12.5, PromMetrics.sum(EXPOSITION, "process_uptime_seconds", ""));
    }

    @Test
    void aMissingMetricIsNaNNotZero() {
        assertTrue(Double.isNaN(PromMetrics.sum(EXPOSITION, "firehub_connected_devices", "transport=\"carrier\"")));
        assertTrue(Double.isNaN(PromMetrics.sum("", "jvm_memory_used_bytes", "")));
    }
}
