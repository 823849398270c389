package org.firehub.runtime;

import org.firehub.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.firehub.testing.FreePorts;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRuntimeTest {
    @TempDir
    Path home;

    @Test
    void withoutUrlsStartsEmbeddedServersThatKeepTheirDataAcrossRestarts() throws Exception {
        Map<String, String> config = Map.of("FIREHUB_HOME", home.toString(),
                "FIREHUB_EMBEDDED_PG_PORT", Integer.toString(FreePorts.next()),
                "FIREHUB_EMBEDDED_INFLUX_PORT", Integer.toString(FreePorts.next()),
                "FIREHUB_EMBEDDED_INFLUX_RPC_PORT", Integer.toString(FreePorts.next()),
                "FIREHUB_INFLUX_DB", "town", "FIREHUB_INFLUX_RETENTION", "400d");
        String influxUrl;
        try (EmbeddedRuntime runtime = EmbeddedRuntime.start(config, new SimpleMeterRegistry())) {
            assertThat(runtime.postgresEmbedded()).isTrue();
            assertThat(runtime.influxEmbedded()).isTrue();
            assertThat(runtime.influxDatabaseReady()).isTrue();
            assertThat(runtime.pg().host()).isEqualTo("127.0.0.1");
            assertThat(EmbeddedPostgresServerTest.queryOne(runtime.pg(), "SELECT count(*) FROM flyway_schema_history WHERE success"))
                    .as("migrations applied").isNotEqualTo("0");
            EmbeddedPostgresServerTest.execute(runtime.pg(), "CREATE TABLE kept (x int)");
            influxUrl = runtime.influx().url();
            assertThat(InfluxSupervisorTest.query(influxUrl, "SHOW RETENTION POLICIES ON town")).contains("9600h0m0s");
        }
        assertThat(InfluxSupervisorTest.pings(influxUrl)).as("influxd stopped with the runtime").isFalse();
        assertThat(home.resolve("postgres/postmaster.pid")).as("postgres stopped with the runtime").doesNotExist();

        try (EmbeddedRuntime runtime = EmbeddedRuntime.start(config, new SimpleMeterRegistry())) {
            assertThat(EmbeddedPostgresServerTest.queryOne(runtime.pg(), "SELECT count(*) FROM kept")).isEqualTo("0");
            assertThat(InfluxSupervisorTest.query(runtime.influx().url(), "SHOW DATABASES")).contains("town");
            runtime.close();
            runtime.close(); // the hub's shutdown path may run twice: harmless
        }
    }

    @Test
    void withUrlsUsesTheExternalServersAndStartsNothing() throws Exception {
        String pgUrl = TestPostgres.shared().newDatabase("runtime");
        String influxUrl = TestInflux.shared().url();
        Map<String, String> config = Map.of("FIREHUB_HOME", home.toString(),
                "FIREHUB_PG_URL", pgUrl, "FIREHUB_PG_USER", "postgres",
                "FIREHUB_INFLUX_URL", influxUrl, "FIREHUB_INFLUX_DB", "runtime_external_" + ProcessHandle.current().pid());
        try (EmbeddedRuntime runtime = EmbeddedRuntime.start(config, new SimpleMeterRegistry())) {
            assertThat(runtime.postgresEmbedded()).isFalse();
            assertThat(runtime.influxEmbedded()).isFalse();
            assertThat(runtime.pg().jdbcUrl()).isEqualTo(pgUrl);
            assertThat(runtime.influx().url()).isEqualTo(influxUrl);
            assertThat(EmbeddedPostgresServerTest.queryOne(runtime.pg(), "SELECT count(*) FROM flyway_schema_history"))
                    .isNotEqualTo("0");
            Await.until("database created in the background", Duration.ofSeconds(20), runtime::influxDatabaseReady);
        }
        assertThat(home.resolve("postgres")).doesNotExist();
        assertThat(home.resolve("influxdb")).doesNotExist();
    }

    @Test
    void badSettingsFailTheStartWithTheKeyNamed() {
        Map<String, String> badPort = Map.of("FIREHUB_HOME", home.toString(), "FIREHUB_EMBEDDED_PG_PORT", "five");
        assertThatThrownBy(() -> EmbeddedRuntime.start(badPort, new SimpleMeterRegistry()))
                .hasMessageContaining("FIREHUB_EMBEDDED_PG_PORT").hasMessageContaining("five");

        Map<String, String> badRetention = Map.of("FIREHUB_HOME", home.toString(),
                "FIREHUB_PG_URL", TestPostgres.shared().newDatabase("runtime_bad"), "FIREHUB_PG_USER", "postgres",
                "FIREHUB_INFLUX_URL", TestInflux.shared().url(), "FIREHUB_INFLUX_RETENTION", "a year");
        assertThatThrownBy(() -> EmbeddedRuntime.start(badRetention, new SimpleMeterRegistry()))
                .hasMessageContaining("FIREHUB_INFLUX_RETENTION").hasMessageContaining("a year");
    }
}
