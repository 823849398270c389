package org.firehub.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.alarms.AlarmHarness.await;
import static org.firehub.alarms.AlarmHarness.gasAlarm;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.firehub.alarms.web.FeedSettings;
import org.firehub.people.Role;
import org.firehub.rules.Severity;
import org.firehub.testing.Await;
import org.firehub.testing.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlarmStreamTest {
    static AlarmHarness h;
    static String admin;
    static String workerNorth;
    static String stream;

    @BeforeAll
    static void start() {
        h = new AlarmHarness("alarm_stream", FeedSettings.defaults().withHeartbeat(Duration.ofMillis(300))
                .withMaxQueuedBytes(64 * 1024));
        admin = h.person(Role.ADMIN, null);
        workerNorth = h.person(Role.GRID_WORKER, "G-north");
        stream = h.baseUrl + "/api/v1/alarms/stream";
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static AlarmSubject newDevice(String grid) {
        long venue = h.venue(grid);
        return AlarmSubject.device(venue, h.device(venue));
    }

    @Test
    void raisedAndClearedArriveInOrderWithinASecond() throws Exception {
        try (SseClient client = SseClient.connected(stream, admin)) {
            assertThat(client.contentType()).startsWith("text/event-stream");
            AlarmSubject subject = newDevice("G-north");

            long raisedAt = System.nanoTime();
            Alarm alarm = h.raised(gasAlarm(subject, "G-north", "gas-high", Instant.now()));
            SseClient.Event raised = client.next(Duration.ofSeconds(5));
            long clearedAt = System.nanoTime();
            await(h.store.clear(new AlarmClear(subject, "gas-high", Instant.now(), "below 20 %LEL")));
            SseClient.Event cleared = client.next(Duration.ofSeconds(5));

            assertThat(raised.name()).isEqualTo("alarm.raised");
            assertThat(raised.json().getLong("id")).isEqualTo(alarm.id());
            assertThat(raised.json().getString("deviceId")).isEqualTo(subject.deviceId().orElseThrow());
            assertThat(raised.json().fieldNames()).contains("id", "deviceId", "venueId", "hazard", "severity", "raisedAt", "clearedAt");
            assertThat(raised.json().getValue("clearedAt")).isNull();
            assertThat(cleared.name()).isEqualTo("alarm.cleared");
            assertThat(cleared.json().getLong("id")).isEqualTo(alarm.id());
            assertThat(cleared.json().getString("clearedAt")).isNotNull();
            assertThat(Long.parseLong(cleared.id())).isGreaterThan(Long.parseLong(raised.id()));
            org.slf4j.LoggerFactory.getLogger(AlarmStreamTest.class).info("raise to SSE event {} µs, clear to SSE event {} µs",
                    (raised.receivedNanos() - raisedAt) / 1000, (cleared.receivedNanos() - clearedAt) / 1000);
            assertThat(Duration.ofNanos(raised.receivedNanos() - raisedAt)).isLessThan(Duration.ofSeconds(1));
            assertThat(Duration.ofNanos(cleared.receivedNanos() - clearedAt)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void acknowledgementsAndCommentsAppearOnTheFeed() throws Exception {
        try (SseClient client = SseClient.connected(stream, admin)) {
            Alarm alarm = h.raised(gasAlarm(newDevice("G-north"), "G-north", "gas-high", Instant.now()));
            assertThat(h.postJson("/api/v1/alarms/" + alarm.id() + "/acknowledge", workerNorth, null).statusCode()).isEqualTo(200);
            assertThat(h.postJson("/api/v1/alarms/" + alarm.id() + "/comments", admin, "{\"text\": \"seen\"}").statusCode())
                    .isEqualTo(201);

            assertThat(client.next(Duration.ofSeconds(5)).name()).isEqualTo("alarm.raised");
            SseClient.Event acknowledged = client.next(Duration.ofSeconds(5));
            assertThat(acknowledged.name()).isEqualTo("alarm.acknowledged");
            assertThat(acknowledged.json().getString("acknowledgedBy")).startsWith("grid_worker");
            SseClient.Event commented = client.next(Duration.ofSeconds(5));
            assertThat(commented.name()).isEqualTo("alarm.commented");
            assertThat(commented.json().getLong("id")).isEqualTo(alarm.id());
        }
    }

    @Test
    void aReconnectingClientGetsWhatItMissedAfterItsLastEventId() throws Exception {
        AlarmSubject subject = newDevice("G-north");
        String seenUpTo;
        try (SseClient client = SseClient.connected(stream, admin)) {
            h.raised(gasAlarm(subject, "G-north", "gas-low", Instant.now()));
            seenUpTo = client.next(Duration.ofSeconds(5)).id();
        }
        Alarm missedRaise = h.raised(gasAlarm(subject, "G-north", "gas-high", Instant.now()));
        await(h.store.clear(new AlarmClear(subject, "gas-low", Instant.now(), "below 20 %LEL")));

        try (SseClient again = SseClient.connect(stream, admin, seenUpTo)) {
            SseClient.Event first = again.next(Duration.ofSeconds(5));
            SseClient.Event second = again.next(Duration.ofSeconds(5));
            assertThat(first.name()).isEqualTo("alarm.raised");
            assertThat(first.json().getLong("id")).isEqualTo(missedRaise.id());
            assertThat(second.name()).isEqualTo("alarm.cleared");
            assertThat(second.json().getString("ruleId")).isEqualTo("gas-low");
            Await.staysFalse("an event replayed twice", Duration.ofMillis(300), () -> !again.hasNoEvents());

            // and it stays live after the replay
            Alarm live = h.raised(gasAlarm(subject, "G-north", "gas-low", Instant.now()));
            assertThat(again.next(Duration.ofSeconds(5)).json().getLong("id")).isEqualTo(live.id());
        }
    }

    @Test
    void aLastEventIdTheFeedNoLongerKeepsAsksTheClientToResync() throws Exception {
        try (SseClient old = SseClient.connect(stream, admin, "5")) {
            SseClient.Event resync = old.next(Duration.ofSeconds(5));
            assertThat(resync.name()).isEqualTo("resync");
            assertThat(resync.json().getString("reason")).contains("reload the alarm list");
            assertThat(Long.parseLong(resync.id())).isGreaterThan(5);
        }
        try (SseClient bad = SseClient.connect(stream, admin, "yesterday")) {
            assertThat(bad.status()).isEqualTo(400);
        }
    }

    @Test
    void aGridWorkersStreamCarriesOnlyTheirGrid() throws Exception {
        try (SseClient worker = SseClient.connected(stream, workerNorth);
             SseClient everything = SseClient.connected(stream, admin)) {
            Alarm south = h.raised(gasAlarm(newDevice("G-south"), "G-south", "gas-high", Instant.now()));
            Alarm north = h.raised(gasAlarm(newDevice("G-north"), "G-north", "gas-high", Instant.now()));

            assertThat(worker.next(Duration.ofSeconds(5)).json().getLong("id")).isEqualTo(north.id());
            assertThat(everything.next(Duration.ofSeconds(5)).json().getLong("id")).isEqualTo(south.id());
            assertThat(everything.next(Duration.ofSeconds(5)).json().getLong("id")).isEqualTo(north.id());
            Await.staysFalse("another grid's alarm on the worker's stream", Duration.ofMillis(300), () -> !worker.hasNoEvents());
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatsAndIsCountedWhileOpen() throws Exception {
        int before = noStreamsOpen();
        try (SseClient client = SseClient.connected(stream, admin)) {
            assertThat(h.feed.clients()).isEqualTo(before + 1);
            assertThat(h.meters.scrape()).contains("firehub_alarm_feed_clients " + (before + 1) + ".0");
            Await.until("two heartbeats after the greeting", Duration.ofSeconds(5), () -> client.comments() >= 3);
        }
        Await.until("the closed stream is no longer counted", Duration.ofSeconds(5), () -> h.feed.clients() == before);
    }

    @Test
    void aStreamEndsWhenItsSessionEnds() throws Exception {
        String leaving = h.person(Role.SUPERVISOR, null);
        try (SseClient client = SseClient.connected(stream, leaving)) {
            await(h.sessions.logout(leaving));
            Await.until("the stream of a signed-out person ends", Duration.ofSeconds(5), client::ended);
            assertThat(h.get("/api/v1/alarms/stream", leaving).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedNotBufferedWithoutBound() throws Exception {
        double slowBefore = h.meters.counter("firehub.alarm.feed.slow.disconnects").count();
        int before = noStreamsOpen();
        URI uri = URI.create(stream);
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/alarms/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Await.until("the stalled stream is open", Duration.ofSeconds(5), () -> h.feed.clients() == before + 1);

            long idBefore = h.feed.lastEventId();
            // 2,000 changes of ~10 KB: far more than the socket buffers and the 64 KiB write queue hold.
            String reason = "x".repeat(10_000);
            for (int i = 0; i < 2000; i++) {
                h.changes.publish(synthetic(1_000_000 + i, reason));
            }
            Await.until("the stalled client is disconnected", Duration.ofSeconds(20),
                    () -> h.meters.counter("firehub.alarm.feed.slow.disconnects").count() == slowBefore + 1);
            Await.until("it is no longer counted", Duration.ofSeconds(5), () -> h.feed.clients() == before);
            assertThat(readsToEnd(socket.getInputStream())).as("the hub closed the connection").isTrue();
            // The feed may still be fanning out the burst: let it finish so later tests see only their own changes.
            Await.until("the feed has numbered the whole burst", Duration.ofSeconds(20),
                    () -> h.feed.lastEventId() >= idBefore + 2000);
        }
    }

    /** Waits until the streams of earlier tests are closed on the hub's side too; answers 0. */
    private static int noStreamsOpen() {
        Await.until("earlier streams closed", Duration.ofSeconds(10), () -> h.feed.clients() == 0);
        return 0;
    }

    private static AlarmChange synthetic(long id, String reason) {
        return new AlarmChange(AlarmChange.Kind.RAISED, new Alarm(id, AlarmSubject.venue(1), "G-north", "synthetic", "fire",
                Severity.CRITICAL, Instant.now(), Optional.empty(), Map.of(), reason, 0, Optional.empty(), Optional.empty()));
    }

    private static boolean readsToEnd(InputStream in) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        byte[] buffer = new byte[64 * 1024];
        try {
            while (System.nanoTime() < deadline) {
                if (in.read(buffer) < 0) return true;
            }
        } catch (java.net.SocketException reset) {
            return true;
        }
        return false;
    }

    @Test
    void alarmMetricsAreExposedUnderTheirContractNames() {
        AlarmSubject subject = newDevice("G-north");
        h.raised(gasAlarm(subject, "G-north", "gas-high", Instant.now()));
        await(h.store.raise(gasAlarm(subject, "G-north", "gas-high", Instant.now())));
        await(h.store.clear(new AlarmClear(subject, "gas-high", Instant.now(), "gone")));
        String scrape = h.meters.scrape();
        assertThat(scrape).contains("firehub_alarms_raised_total{hazard=\"gas_leak\",severity=\"major\"}")
                .contains("firehub_alarms_cleared_total{hazard=\"gas_leak\",severity=\"major\"}")
                .contains("firehub_alarms_repeats_total").contains("firehub_alarms_active ")
                .contains("firehub_alarm_feed_clients ");
    }
}
