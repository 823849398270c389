package org.firehub.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatsTest {
    @Test
    void readsThisJvmsCpuAndResidentMemory() throws Exception {
        ProcStats.Sample sample = ProcStats.sample(ProcessHandle.current().pid());
        // A JVM that has loaded JUnit has used CPU and holds well over 10 MiB.
        assertTrue(sample.cpuSeconds() > 0, "cpu " + sample.cpuSeconds());
        assertTrue(sample.rssKib() > 10 * 1024, "rss " + sample.rssKib());
        long runtimeMax = Runtime.getRuntime().maxMemory();
        assertTrue(sample.rssKib() * 1024 < runtimeMax + (2L << 30), "rss implausibly large: " + sample.rssKib());
    }

    @Test
    void parsesUserPlusSystemTicksEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 12 0 300 1000 2000";
        assertEquals(3.0, ProcStats.cpuSeconds(stat), 1e-9); // (250 + 50) ticks at 100 Hz
    }

    @Test
    void refusesTextThatIsNotAStatOrStatusFile() {
        assertThrows(IllegalArgumentException.class, () -> ProcStats.cpuSeconds("no parenthesis here"));
        assertThrows(IllegalArgumentException.class, () -> ProcStats.rssKib("Name:\tjava\nVmSize:\t100 kB\n"));
        assertEquals(2048, ProcStats.rssKib("Name:\tjava\nVmRSS:\t    2048 kB\n"));
    }

    @Test
    void cpuPercentIsCpuTimeOverWallTime() {
        ProcStats.Sample before = new ProcStats.Sample(1, 10.0, 0, 0);
        ProcStats.Sample after = new ProcStats.Sample(1, 11.5, 0, 1_000_000_000L);
        assertEquals(150.0, after.cpuPercentSince(before), 1e-9);
    }

    @Test
    void findsNoProcessForACommandLineNobodyRuns() throws Exception {
        assertTrue(ProcStats.findByCommandLine("org.firehub.nothing.RunsThis" + System.nanoTime()).isEmpty());
    }
}
