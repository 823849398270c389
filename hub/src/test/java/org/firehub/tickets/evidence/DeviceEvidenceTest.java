package org.firehub.tickets.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.firehub.people.Role;
import org.firehub.runtime.InfluxProcess;
import org.firehub.runtime.InfluxSettings;
import org.firehub.testing.TestInflux;
import org.firehub.tickets.evidence.EvidenceHarness.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Closure on device evidence against a real influxd with readings written at explicit times
 * around the tickets' controllable clock. The influxd is this class's own: the last test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceEvidenceTest {
    private static final String DB = "firehub_evidence";
    private static final Duration WINDOW = Duration.ofHours(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static InfluxProcess influx;
    private static EvidenceHarness hub;
    private static Person supervisor;
    private static Person worker;
    private static long venue;

    @BeforeAll
    static void start() throws Exception {
        influx = TestInflux.startNew();
        post("/query?q=" + URLEncoder.encode("CREATE DATABASE " + DB, StandardCharsets.UTF_8), "");
        EvidencePolicy policy = new EvidencePolicy(true, EvidencePolicy.DEFAULT_MAX_BYTES, EvidencePolicy.DEFAULT_MAX_PIXELS, 1, Map.of(
                "residual_current_high", new ClosureRule("residual_current_high", List.of("residual_current_ma"), 300, WINDOW,
                        Duration.ofMinutes(30)),
                "cable_overheat", new ClosureRule("cable_overheat", List.of("cable_temp_c_l1", "cable_temp_c_l2"), 70, WINDOW,
                        Duration.ofMinutes(30))));
        hub = new EvidenceHarness("evidence_devices", policy, new InfluxSettings(influx.url(), null, null, DB),
                "autogen");
        supervisor = hub.person(Role.SUPERVISOR, null);
        worker = hub.person(Role.GRID_WORKER, "G03");
        venue = hub.venue("G03");
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
        if (influx != null) influx.close();
    }

    private static void post(String pathAndQuery, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(influx.url() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new AssertionError("influx " + pathAndQuery + ": " + r.statusCode() + " " + r.body());
    }

    /** Writes {@code field=value} for the device at each of the given times. */
    private static void readings(String device, String field, double value, Instant from, Instant to, Duration step)
            throws IOException, InterruptedException {
        StringBuilder lines = new StringBuilder();
        for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
            lines.append("readings,device_id=").append(device).append(",kind=electrical ").append(field).append('=')
                    .append(value).append(' ').append(t.toEpochMilli()).append('\n');
        }
        post("/write?precision=ms&db=" + DB, lines.toString());
    }

    private static void reading(String device, String field, double value, Instant at) throws IOException, InterruptedException {
        readings(device, field, value, at, at.plusMillis(1), Duration.ofMinutes(1));
    }

    /** A device ticket of {@code hazard}, rectified with a photo and SUBMITTED. */
    private static long submitted(String device, String hazard) {
        long id = hub.rectifying(supervisor, worker, venue, device, hazard);
        hub.uploaded(id, worker, TestImages.jpeg(64, 48));
        hub.moved(worker, id, new JsonObject().put("to", "SUBMITTED").put("note", "replaced the breaker"));
        return id;
    }

    private static HttpResponse<String> close(long id) {
        return hub.transition(supervisor, id, new JsonObject().put("to", "CLOSED").put("note", "verified"));
    }

    private static String refusal(HttpResponse<String> r, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(code.equals("unavailable") ? 503 : 409);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("code")).isEqualTo(code);
        return body.getString("message");
    }

    private static String state(long id) {
        return new JsonObject(hub.get("/api/v1/tickets/" + id, supervisor).body()).getString("state");
    }

    @Test
    @Order(1)
    void closureIsRefusedWhileAReadingWasHighAndAllowedOnceAWholeWindowIsClean() throws Exception {
        String device = hub.device(venue);
        long id = submitted(device, "residual_current_high");
        Instant now = hub.clock.instant();
        readings(device, "residual_current_ma", 120, now.minus(WINDOW), now, Duration.ofMinutes(10));
        Instant spike = now.minus(Duration.ofMinutes(47));
        reading(device, "residual_current_ma", 412, spike);

        String reason = refusal(close(id), "evidence_required");
        assertThat(reason).contains("residual_current_ma reached 412 at " + spike).contains("below 300").contains("2 h");
        assertThat(state(id)).isEqualTo("SUBMITTED");

        // Two hours on, the spike has left the window and every slice has normal readings.
        hub.clock.advance(WINDOW);
        readings(device, "residual_current_ma", 110, now, hub.clock.instant(), Duration.ofMinutes(10));
        HttpResponse<String> closed = close(id);
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(state(id)).isEqualTo("CLOSED");
        assertThat(hub.checks("device", "passed")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(2)
    void aDeviceThatSentNothingOrWentQuietForASliceProvesNothing() throws Exception {
        String silent = hub.device(venue);
        long quietTicket = submitted(silent, "residual_current_high");
        assertThat(refusal(close(quietTicket), "evidence_required"))
                .contains("no readings of residual_current_ma from device " + silent + " in the last 2 h");

        String gappy = hub.device(venue);
        long gapTicket = submitted(gappy, "residual_current_high");
        Instant now = hub.clock.instant();
        Instant start = now.minus(WINDOW);
        // Normal readings, except none at all between 00:30 and 01:00 into the window.
        readings(gappy, "residual_current_ma", 90, start, start.plus(Duration.ofMinutes(30)), Duration.ofMinutes(10));
        readings(gappy, "residual_current_ma", 90, start.plus(Duration.ofMinutes(60)), now, Duration.ofMinutes(10));
        assertThat(refusal(close(gapTicket), "evidence_required")).contains("no readings from device " + gappy + " between "
                + start.plus(Duration.ofMinutes(30)) + " and " + start.plus(Duration.ofMinutes(60)));

        // A reading older than the window does not stand in for one inside it.
        String stale = hub.device(venue);
        long staleTicket = submitted(stale, "residual_current_high");
        reading(stale, "residual_current_ma", 50, start.minus(Duration.ofMinutes(5)));
        readings(stale, "residual_current_ma", 50, start.plus(Duration.ofMinutes(30)), now, Duration.ofMinutes(10));
        assertThat(refusal(close(staleTicket), "evidence_required")).contains("between " + start + " and ");
    }

    @Test
    @Order(3)
    void everyFieldOfTheRuleMustStayBelowTheLimit() throws Exception {
        String device = hub.device(venue);
        long id = submitted(device, "cable_overheat");
        Instant now = hub.clock.instant();
        readings(device, "cable_temp_c_l1", 45, now.minus(WINDOW), now, Duration.ofMinutes(10));
        Instant hot = now.minus(Duration.ofMinutes(5));
        reading(device, "cable_temp_c_l2", 71.5, hot);
        assertThat(refusal(close(id), "evidence_required")).contains("cable_temp_c_l2 reached 71.5 at " + hot);
    }

    @Test
    @Order(4)
    void ticketsWithoutADeviceOrWithoutAClosureRuleCloseWithoutAskingInfluxDb() {
        long venueLevel = hub.rectifying(supervisor, worker, venue, null, "residual_current_high");
        hub.uploaded(venueLevel, worker, TestImages.jpeg(64, 48));
        hub.moved(worker, venueLevel, new JsonObject().put("to", "SUBMITTED").put("note", "done"));
        assertThat(close(venueLevel).statusCode()).isEqualTo(200);

        long noRule = submitted(hub.device(venue), "device_fault");
        assertThat(close(noRule).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void influxDbDownRefusesTheClosureAsUnavailableNeverClosingBlind() throws Exception {
        String device = hub.device(venue);
        long id = submitted(device, "residual_current_high");
        Instant now = hub.clock.instant();
        readings(device, "residual_current_ma", 80, now.minus(WINDOW), now, Duration.ofMinutes(10));

        influx.stop();
        double before = hub.checks("device", "unavailable");
        assertThat(refusal(close(id), "unavailable")).contains("cannot check device evidence now");
        assertThat(state(id)).isEqualTo("SUBMITTED");
        assertThat(hub.checks("device", "unavailable")).isEqualTo(before + 1);

        TestInflux.restart(influx);
        HttpResponse<String> closed = close(id);
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
    }

    @Test
    void deviceIdsAndFieldsCannotBreakOutOfTheirQuotes() {
        assertThat(InfluxReadings.literal("a' OR '1'='1")).isEqualTo("'a\\' OR \\'1\\'=\\'1'");
        assertThat(InfluxReadings.literal("back\\slash")).isEqualTo("'back\\\\slash'");
        assertThat(InfluxReadings.identifier("f\" FROM x")).isEqualTo("\"f\\\" FROM x\"");
    }
}
