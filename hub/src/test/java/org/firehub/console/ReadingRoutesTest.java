package org.firehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.firehub.people.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The readings endpoint against a real InfluxDB: downsampled, scoped to the device's venue. */
class ReadingRoutesTest {
    private static ConsoleHarness hub;
    private static String g01Device;
    private static String g02Device;
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));

    @BeforeAll
    static void start() {
        hub = new ConsoleHarness("console_readings");
        g01Device = hub.device(hub.venue("G01"));
        g02Device = hub.device(hub.venue("G02"));
        StringBuilder lines = new StringBuilder();
        // One reading a minute for two hours: 20.0, 21.0, ... (the minute's number plus 20).
        for (int minute = 0; minute < 120; minute++) {
            lines.append("readings,device_id=").append(g01Device).append(",grid=G01,kind=gas temperature=")
                    .append(20.0 + minute).append(",co=").append(minute % 2).append(' ')
                    .append(START.plus(Duration.ofMinutes(minute)).toEpochMilli()).append('\n');
        }
        lines.append("readings,device_id=").append(g02Device).append(",grid=G02,kind=gas temperature=99.0 ")
                .append(START.toEpochMilli()).append('\n');
        hub.writeReadings(lines.toString());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static String path(String device, String query) {
        return "/api/v1/devices/" + device + "/readings?" + query;
    }

    @Test
    void meansPerBucketOverTheAskedPeriod() {
        var supervisor = hub.person(Role.SUPERVISOR, null);
        Instant from = START;
        Instant to = START.plus(Duration.ofMinutes(60));
        HttpResponse<String> r = hub.get(path(g01Device, "field=temperature&from=" + from + "&to=" + to), supervisor);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        // An hour in at most 500 buckets: at least 10 s each; one reading a minute → 60 points.
        assertThat(body.getLong("bucketSeconds")).isEqualTo(10L);
        assertThat(body.getJsonArray("times")).hasSize(60);
        assertThat(body.getJsonArray("values").getDouble(0)).isEqualTo(20.0);
        assertThat(body.getJsonArray("values").getDouble(59)).isEqualTo(79.0);
        assertThat(body.getJsonArray("times").getLong(0)).isEqualTo(START.toEpochMilli());
    }

    @Test
    void aLongPeriodIsDownsampledToFewPoints() {
        var supervisor = hub.person(Role.SUPERVISOR, null);
        Instant from = START.minus(Duration.ofDays(7));
        Instant to = START.plus(Duration.ofDays(1));
        JsonObject body = new JsonObject(hub.get(path(g01Device, "field=temperature&from=" + from + "&to=" + to), supervisor).body());
        assertThat(body.getLong("bucketSeconds")).isEqualTo(Duration.ofDays(8).toSeconds() / 500 + 1);
        // Two hours of minutes in buckets of 23 min: 6 means (bucket edges need not meet the data's), rising.
        JsonArray values = body.getJsonArray("values");
        assertThat(values.size()).isBetween(5, 7);
        for (int i = 1; i < values.size(); i++) assertThat(values.getDouble(i)).isGreaterThan(values.getDouble(i - 1));
        assertThat(values.getDouble(0)).isBetween(20.0, 40.0);
    }

    @Test
    void aGridWorkerReadsOwnGridOnlyAndOtherDevicesAreNotFound() {
        var g01Worker = hub.person(Role.GRID_WORKER, "G01");
        String window = "field=temperature&from=" + START + "&to=" + START.plus(Duration.ofHours(2));
        assertThat(hub.get(path(g01Device, window), g01Worker).statusCode()).isEqualTo(200);
        HttpResponse<String> other = hub.get(path(g02Device, window), g01Worker);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(other.body()).getString("code")).isEqualTo("not_found");
        HttpResponse<String> missing = hub.get(path("no-such-device", window), g01Worker);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(other.body());
    }

    @Test
    void aFieldWithoutDataIsAnEmptySeries() {
        var supervisor = hub.person(Role.SUPERVISOR, null);
        JsonObject body = new JsonObject(hub.get(path(g01Device, "field=humidity&from=" + START + "&to="
                + START.plus(Duration.ofHours(2))), supervisor).body());
        assertThat(body.getJsonArray("times")).isEmpty();
    }

    @Test
    void badInputIsRefusedWithItsReason() {
        var supervisor = hub.person(Role.SUPERVISOR, null);
        for (String query : new String[] {"", "field=", "field=temp%22%20OR%201%3D1", "field=temperature&from=yesterday",
                "field=temperature&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
                "field=temperature&from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"}) {
            HttpResponse<String> r = hub.get(path(g01Device, query), supervisor);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(new JsonObject(r.body()).getString("code")).as(query).isEqualTo("invalid");
        }
    }

    @Test
    void withoutSessionIs401() {
        assertThat(hub.get(path(g01Device, "field=temperature"), null).statusCode()).isEqualTo(401);
    }
}
