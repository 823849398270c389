package org.firehub.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimStatsTest {

    @Test
    void slowAcksOfTheWarmUpDoNotShowInTheSteadyState() {
        SimStats stats = new SimStats();
        long longAgo = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(600);
        for (int i = 0; i < 50; i++) stats.ack(longAgo);

        stats.startSteadyState();
        for (int i = 0; i < 1000; i++) stats.ack(System.nanoTime());

        assertEquals(50, stats.warmupLatencies().getTotalCount());
        assertTrue(stats.warmupLatencies().getValueAtPercentile(50) >= 600_000, "warm-up p50 holds the 600 ms acks");
        assertEquals(1000, stats.steadyLatencies().getTotalCount());
        assertTrue(stats.steadyLatencies().getMaxValue() < 600_000, "steady state max is free of the warm-up's acks");
        assertEquals(1050, stats.latencies().getTotalCount());
        assertEquals(1000, stats.ackedInSteadyState());
    }

    @Test
    void eachProgressWindowHoldsOnlyItsOwnAcks() {
        SimStats stats = new SimStats();
        stats.ack(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(900));
        assertTrue(stats.window().getMaxValue() >= 900_000);

        stats.ack(System.nanoTime());
        assertTrue(stats.window().getMaxValue() < 900_000);
        assertEquals(0, stats.window().getTotalCount());
        assertFalse(stats.steady());
    }
}
