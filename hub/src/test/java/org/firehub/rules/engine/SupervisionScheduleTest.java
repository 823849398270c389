package org.firehub.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.rules.RuleBook;
import org.firehub.rules.Severity;
import org.firehub.rules.SupervisionRule;
import org.junit.jupiter.api.Test;

/** The deadline heap keeps one entry per device however often it talks, and a tick touches only what is due. */
class SupervisionScheduleTest {
    static final SupervisionRule RULE = new SupervisionRule("smoke.offline", "smoke", Duration.ofSeconds(60), 1,
            Duration.ZERO, "offline", Severity.MINOR);
    static final RuleBook RULES = TestRuleBook.of(RULE);

    @Test
    void chattyDevicesKeepOneEntryEachAndOnlyTheSilentOnesGoOffline() {
        EngineMetrics metrics = new EngineMetrics(new SimpleMeterRegistry(), () -> 0, () -> 0);
        Supervision supervision = new Supervision(metrics);
        Map<String, DeviceState> devices = new HashMap<>();
        int count = 100_000;
        for (int i = 0; i < count; i++) {
            DeviceState state = new DeviceState(new Device(new DeviceId("d" + i), "smoke", i % 500, "g1"), 0);
            devices.put(state.id(), state);
            supervision.track(state, Optional.of(RULE));
        }
        List<Decision> out = new ArrayList<>();
        supervision.tick(RULES, devices, 1_000, out::add);
        // Every device but the first ten talks five times; each keeps a single heap entry.
        for (int round = 1; round <= 5; round++) {
            for (int i = 10; i < count; i++) supervision.heard(devices.get("d" + i), Optional.of(RULE), round * 10_000L, 0, out::add);
        }
        assertThat(supervision.scheduled()).isEqualTo(count);

        long start = System.nanoTime();
        supervision.tick(RULES, devices, 60_000, out::add);
        long tickNanos = System.nanoTime() - start;
        assertThat(out).hasSize(10).allSatisfy(d -> assertThat(d).isInstanceOf(Decision.Raise.class));
        assertThat(metrics.offline.get()).isEqualTo(10);
        // The ten due entries are taken; the rest were pushed back to their real deadlines only when they came due.
        assertThat(supervision.scheduled()).isEqualTo(count - 10);
        assertThat(tickNanos).as("a tick with ten devices due").isLessThan(Duration.ofMillis(500).toNanos());

        out.clear();
        supervision.tick(RULES, devices, 109_999, out::add);
        assertThat(out).isEmpty();
        supervision.tick(RULES, devices, 110_000, out::add);
        assertThat(out).hasSize(count - 10);
    }
}
