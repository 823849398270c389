package org.firehub.sim.bench;

/**
 * What one closed-loop QoS 1 load run measured against one broker.
 *
 * @param connections   connections still up at the end of the measured window
 * @param ackedPerSecond PUBACKs per second in the measured window
 * @param ackedTotal    PUBACKs from the first publish to the end (warm-up included)
 * @param brokerCpuPercent the broker's CPU in the measured window, % of one core
 * @param brokerRssKib  the broker's resident memory at the end of the window
 * @param failed      publishes that got no PUBACK (refused, timed out, connection lost)
 * @param rssPerConnectionKib (RSS with the devices connected, before load − RSS before they connected) / connections
 * @param generatorCpuPercent the bench process's own CPU in the window (the load generator's cost)
 */
public record LoadResult(String target, int connections, double ackedPerSecond, long ackedTotal, long failed,
                         double p50Ms, double p95Ms, double p99Ms, double maxMs,
                         double brokerCpuPercent, long brokerRssKib, double rssPerConnectionKib,
                         double generatorCpuPercent) {

    /**
     * The broker's CPU time per acknowledged reading, µs. On a shared machine this moves less than
     * the throughput does when others take the cores: it is what an optimisation of the broker changes.
     */
    @com.fasterxml.jackson.annotation.JsonProperty
    public double brokerCpuMicrosPerAck() {
        return ackedPerSecond == 0 ? 0 : brokerCpuPercent / 100 * 1e6 / ackedPerSecond;
    }
}
