package org.firehub.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.DeviceMessage;
import org.firehub.runtime.InfluxProcess;
import org.firehub.testing.FreePorts;
import org.firehub.testing.TestInflux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InfluxWriterTest {
    private static InfluxProcess influx;
    private static InfluxHttp http;
    private static final List<InfluxWriter> writers = new ArrayList<>();

    @BeforeAll
    static void startInflux() {
        influx = TestInflux.shared();
        http = new InfluxHttp(influx.url());
    }

    @AfterAll
    static void closeWriters() {
        writers.forEach(InfluxWriter::close);
    }

    private static InfluxWriter writer(String url, String database) {
        InfluxWriter writer = InfluxWriter.create(url, null, null, database, null);
        writers.add(writer);
        return writer;
    }

    @Test
    void writesReadingsAndEventsInTheContractSchema() {
        String db = http.freshDatabase("schema");
        Device device = new Device(new DeviceId("smoke-1"), "smoke", 42, "old-town");
        DeviceMessage alarm = new DeviceMessage(device, 1_763_800_000_123L, OptionalLong.of(4711),
                Map.of("smoke_obscuration_db_m", 0.05, "battery_pct", 87.0), List.of("alarm", "low_battery"), 0);
        DeviceMessage eventOnly = new DeviceMessage(device, 1_763_800_001_000L, OptionalLong.empty(), Map.of(), List.of("muted"), 0);

        WriteOutcome outcome = writer(influx.url(), db).write(List.of(alarm, eventOnly));

        assertThat(outcome).isEqualTo(new WriteOutcome.Written(4));
        assertThat(fieldTypes(db, "readings")).containsExactlyInAnyOrderEntriesOf(
                Map.of("smoke_obscuration_db_m", "float", "battery_pct", "float"));
        assertThat(fieldTypes(db, "events")).containsExactlyEntriesOf(Map.of("seq", "integer"));
        assertThat(tagKeys(db, "readings")).containsExactlyInAnyOrder("device_id", "kind", "venue_id", "grid");
        assertThat(tagKeys(db, "events")).containsExactlyInAnyOrder("device_id", "kind", "venue_id", "grid", "event");

        JsonNode reading = http.query(db, "SELECT * FROM readings").path("results").path(0).path("series").path(0);
        assertThat(reading.path("values")).hasSize(1);
        Map<String, JsonNode> row = row(reading, 0);
        assertThat(row.get("time").asLong()).isEqualTo(1_763_800_000_123L);
        assertThat(row.get("device_id").asText()).isEqualTo("smoke-1");
        assertThat(row.get("kind").asText()).isEqualTo("smoke");
        assertThat(row.get("venue_id").asText()).isEqualTo("42");
        assertThat(row.get("grid").asText()).isEqualTo("old-town");
        assertThat(row.get("smoke_obscuration_db_m").asDouble()).isEqualTo(0.05);

        JsonNode events = http.query(db, "SELECT event, seq FROM events ORDER BY time").path("results").path(0).path("series").path(0);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < events.path("values").size(); i++) {
            Map<String, JsonNode> e = row(events, i);
            got.add(e.get("event").asText() + ":" + e.get("seq").asLong());
        }
        assertThat(got).containsExactlyInAnyOrder("alarm:4711", "low_battery:4711", "muted:0");
        assertThat(http.count(db, "SELECT count(*) FROM readings WHERE time >= 1763800001000ms")).isZero();
    }

    @Test
    void integerLookingReadingsAreStillWrittenAsFloats() {
        String db = http.freshDatabase("floats");
        DeviceMessage whole = TestMessages.withReadings("smoke-2", 1, Map.of("battery_pct", 87.0));
        assertThat(writer(influx.url(), db).write(List.of(whole))).isInstanceOf(WriteOutcome.Written.class);
        assertThat(fieldTypes(db, "readings")).containsEntry("battery_pct", "float");
    }

    @Test
    void fieldTypeConflictIsRefused() {
        String db = http.freshDatabase("conflict");
        http.writeLine(db, "readings,device_id=other battery_pct=87i " + TestMessages.BASE_TS);

        WriteOutcome outcome = writer(influx.url(), db).write(List.of(TestMessages.reading("smoke-3", 1)));

        assertThat(outcome).isInstanceOf(WriteOutcome.Refused.class);
        assertThat(((WriteOutcome.Refused) outcome).reason()).contains("field type conflict");
    }

    @Test
    void messageThatLineProtocolCannotCarryIsRefusedSoTheDrainerCanDeadLetterIt() {
        String db = http.freshDatabase("linebreak");
        Device broken = new Device(new DeviceId("smoke-7"), "smoke", 7, "grid\nreadings,device_id=forged t=1");
        DeviceMessage bad = new DeviceMessage(broken, TestMessages.BASE_TS, OptionalLong.of(1), Map.of("battery_pct", 80.0), List.of(), 0);

        WriteOutcome outcome = writer(influx.url(), db).write(List.of(TestMessages.reading("smoke-8", 1), bad));

        assertThat(outcome).isInstanceOf(WriteOutcome.Refused.class);
        assertThat(((WriteOutcome.Refused) outcome).reason()).contains("smoke-7", "line break");
        assertThat(http.count(db, "SELECT count(*) FROM readings")).isZero();
    }

    @Test
    void missingDatabaseIsRetryableNotRefused() {
        WriteOutcome outcome = writer(influx.url(), "no_such_db_" + System.nanoTime()).write(List.of(TestMessages.reading("smoke-4", 1)));

        assertThat(outcome).isInstanceOf(WriteOutcome.Retryable.class);
        assertThat(((WriteOutcome.Retryable) outcome).reason()).contains("database");
    }

    @Test
    void unreachableServerIsRetryableAndDetectedPromptly() {
        long t0 = System.nanoTime();
        WriteOutcome outcome = writer("http://127.0.0.1:" + FreePorts.next(), "firehub").write(List.of(TestMessages.reading("smoke-5", 1)));

        assertThat(outcome).isInstanceOf(WriteOutcome.Retryable.class);
        assertThat(((WriteOutcome.Retryable) outcome).reason()).contains("unreachable");
        assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
    }

    @Test
    void messagesWithoutPointsWriteNothing() {
        String db = http.freshDatabase("empty");
        DeviceMessage nothing = new DeviceMessage(TestMessages.smoke("smoke-6"), TestMessages.BASE_TS, OptionalLong.empty(), Map.of(), List.of(), 0);
        assertThat(writer(influx.url(), db).write(List.of(nothing))).isEqualTo(new WriteOutcome.Written(0));
        assertThat(writer(influx.url(), db).write(List.of())).isEqualTo(new WriteOutcome.Written(0));
    }

    private static Map<String, String> fieldTypes(String db, String measurement) {
        JsonNode values = http.query(db, "SHOW FIELD KEYS FROM " + measurement).path("results").path(0).path("series").path(0).path("values");
        Map<String, String> types = new LinkedHashMap<>();
        values.forEach(v -> types.put(v.path(0).asText(), v.path(1).asText()));
        return types;
    }

    private static List<String> tagKeys(String db, String measurement) {
        JsonNode values = http.query(db, "SHOW TAG KEYS FROM " + measurement).path("results").path(0).path("series").path(0).path("values");
        List<String> keys = new ArrayList<>();
        values.forEach(v -> keys.add(v.path(0).asText()));
        return keys;
    }

    private static Map<String, JsonNode> row(JsonNode series, int index) {
        Map<String, JsonNode> row = new LinkedHashMap<>();
        JsonNode columns = series.path("columns");
        for (int c = 0; c < columns.size(); c++) row.put(columns.path(c).asText(), series.path("values").path(index).path(c));
        return row;
    }
}
