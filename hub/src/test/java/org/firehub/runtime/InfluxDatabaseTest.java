package org.firehub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.runtime.InfluxDatabase.PolicyChange;
import org.firehub.testing.FreePorts;
import org.firehub.testing.TestInflux;
import org.junit.jupiter.api.Test;

class InfluxDatabaseTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private final String url = TestInflux.shared().url();
    private final String database = "ensure_test_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();

    @Test
    void createsDatabaseAndDefaultPolicyOnceThenLeavesThemAlone() throws Exception {
        var first = InfluxDatabase.ensure(url, null, null, database, "firehub_rp", "400d");
        var second = InfluxDatabase.ensure(url, null, null, database, "firehub_rp", "400d");

        assertThat(first.change()).isEqualTo(PolicyChange.CREATED);
        assertThat(second.change()).isEqualTo(PolicyChange.UNCHANGED);
        assertThat(databases()).contains(database);
        assertThat(policies()).contains(List.of("firehub_rp", "9600h0m0s", "true"));
    }

    @Test
    void defaultKeepsEverythingInAutogenWithoutChangingIt() throws Exception {
        var outcome = InfluxDatabase.ensure(url, null, null, database, "autogen", "inf");

        assertThat(outcome.change()).isEqualTo(PolicyChange.UNCHANGED);
        assertThat(policies()).containsExactly(List.of("autogen", "0s", "true"));
    }

    @Test
    void changedRetentionAltersThePolicy() throws Exception {
        InfluxDatabase.ensure(url, null, null, database, "autogen", "inf");
        var altered = InfluxDatabase.ensure(url, null, null, database, "autogen", "52w");
        var again = InfluxDatabase.ensure(url, null, null, database, "autogen", "364d");

        assertThat(altered.change()).isEqualTo(PolicyChange.ALTERED);
        assertThat(again.change()).as("52w and 364d are the same duration").isEqualTo(PolicyChange.UNCHANGED);
        assertThat(policies()).containsExactly(List.of("autogen", "8736h0m0s", "true"));
    }

    @Test
    void namesWithQuotesAreQuotedNotInjected() throws Exception {
        String odd = database + "\"; DROP DATABASE \"x";
        InfluxDatabase.ensure(url, null, null, odd, "autogen", "inf");
        assertThat(databases()).contains(odd);
    }

    @Test
    void badRetentionIsRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> InfluxDatabase.ensure(url, null, null, database, "autogen", "forever"))
                .isInstanceOf(IOException.class).hasMessageContaining("FIREHUB_INFLUX_RETENTION").hasMessageContaining("forever");
    }

    @Test
    void influxRefusalIsReportedWithItsReason() {
        assertThatThrownBy(() -> InfluxDatabase.ensure(url, null, null, database, "short", "30m"))
                .isInstanceOf(IOException.class).hasMessageContaining("CREATE RETENTION POLICY")
                .hasMessageContaining("retention policy duration must be at least");
    }

    @Test
    void unreachableServerIsNamed() {
        String nobody = "http://127.0.0.1:" + FreePorts.next();
        assertThatThrownBy(() -> InfluxDatabase.ensure(nobody, null, null, database, "autogen", "inf"))
                .isInstanceOf(IOException.class).hasMessageContaining(nobody).hasMessageContaining("unreachable");
    }

    private List<String> databases() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode row : rows("SHOW DATABASES")) names.add(row.get(0).asText());
        return names;
    }

    /** [name, duration, default] per policy of the test database. */
    private List<List<String>> policies() throws Exception {
        List<List<String>> policies = new ArrayList<>();
        for (JsonNode row : rows("SHOW RETENTION POLICIES ON " + InfluxDatabase.quote(database))) {
            policies.add(List.of(row.get(0).asText(), row.get(1).asText(), row.get(4).asText()));
        }
        return policies;
    }

    private JsonNode rows(String q) throws Exception {
        JsonNode body = new ObjectMapper().readTree(InfluxSupervisorTest.query(url, q));
        return body.path("results").path(0).path("series").path(0).path("values");
    }
}
