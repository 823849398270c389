package org.firehub.tickets.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;
import org.firehub.people.Role;
import org.firehub.runtime.InfluxSettings;
import org.firehub.testing.Await;
import org.firehub.testing.FreePorts;
import org.firehub.tickets.evidence.EvidenceHarness.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Photos on tickets over the real API: accepted and re-encoded, hostile uploads refused, scoped reads, photo on submit. */
class PhotoEvidenceTest {
    private static final int MAX_BYTES = 1024 * 1024;
    private static EvidenceHarness hub;
    private static Person supervisor;
    private static Person workerG01;
    private static Person otherWorkerG01;
    private static Person workerG02;
    private static long venueG01;
    private static Person ownerG01;

    @BeforeAll
    static void start() {
        EvidencePolicy policy = new EvidencePolicy(true, MAX_BYTES, EvidencePolicy.DEFAULT_MAX_PIXELS, 2, Map.of());
        // No closure rules here: InfluxDB is never asked, so an address where nothing listens will do.
        hub = new EvidenceHarness("evidence_photos", policy,
                new InfluxSettings("http://127.0.0.1:" + FreePorts.next(), null, null, "unused"), null);
        supervisor = hub.person(Role.SUPERVISOR, null);
        workerG01 = hub.person(Role.GRID_WORKER, "G01");
        otherWorkerG01 = hub.person(Role.GRID_WORKER, "G01");
        workerG02 = hub.person(Role.GRID_WORKER, "G02");
        venueG01 = hub.venue("G01");
        ownerG01 = hub.owner(venueG01);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private long rectifying(String hazard) {
        return hub.rectifying(supervisor, workerG01, venueG01, null, hazard);
    }

    private static BufferedImage decoded(byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    @Test
    void pngAndJpegAreStoredAsTheHubsOwnJpegAndServedWithSafeHeaders() throws IOException {
        long id = rectifying("blocked_exit");
        JsonObject fromPng = hub.uploaded(id, workerG01, TestImages.png(320, 200));
        JsonObject fromJpeg = hub.uploaded(id, ownerG01, TestImages.jpeg(640, 480));
        assertThat(fromPng.getString("uploadedType")).isEqualTo("image/png");
        assertThat(fromPng.getString("contentType")).isEqualTo("image/jpeg");
        assertThat(fromPng.getInteger("width")).isEqualTo(320);
        assertThat(fromPng.getInteger("height")).isEqualTo(200);
        assertThat(fromPng.getString("note")).isEqualTo("after repair");
        assertThat(fromJpeg.getString("uploadedBy")).isEqualTo(ownerG01.username());

        HttpResponse<byte[]> served = hub.getBytes(fromPng.getString("url"), workerG01);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");
        byte[] body = served.body();
        assertThat(body[0] & 0xFF).isEqualTo(0xFF);
        assertThat(body[1] & 0xFF).isEqualTo(0xD8);
        assertThat(PhotoNormalizer.sha256(body)).isEqualTo(fromPng.getString("sha256"));
        BufferedImage image = decoded(body);
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(200);

        JsonArray listed = new JsonArray(hub.get("/api/v1/tickets/" + id + "/evidence", supervisor).body());
        assertThat(listed.stream().map(e -> ((JsonObject) e).getLong("id")).toList())
                .containsExactly(fromPng.getLong("id"), fromJpeg.getLong("id"));
        assertThat(hub.counted("stored")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void exifWithItsGpsPositionAndAnAppendedScriptAreGoneFromWhatIsServed() {
        long id = rectifying("damaged_extinguisher");
        byte[] upload = TestImages.jpegWithExifAndTrailer(300, 300);
        assertThat(TestImages.contains(upload, TestImages.GPS_MARKER.getBytes(StandardCharsets.US_ASCII))).isTrue();
        JsonObject stored = hub.uploaded(id, workerG01, upload);

        byte[] served = hub.getBytes(stored.getString("url"), supervisor).body();
        assertThat(TestImages.contains(served, "Exif".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(TestImages.contains(served, TestImages.GPS_MARKER.getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(TestImages.contains(served, "<script".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(served).isNotEqualTo(upload);
    }

    @Test
    void hostileUploadsAreRefusedWithTheirCodeCountedAndNothingIsStored() {
        long id = rectifying("missing_exit_sign");
        byte[] big = TestImages.concat(TestImages.jpeg(64, 64), new byte[MAX_BYTES]);
        Map<String, Refusal> cases = Map.of(
                "text file named .jpg", new Refusal("This is my shopping list.\n".getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"),
                "HTML sent as image/jpeg", new Refusal("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"),
                "empty body", new Refusal(new byte[0], 415, "unsupported_media_type"),
                "truncated JPEG", new Refusal(TestImages.truncatedJpeg(), 422, "invalid_image"),
                "larger than the limit", new Refusal(big, 413, "too_large"),
                "a PNG claiming 50000 x 50000 pixels", new Refusal(TestImages.pngClaiming(50_000, 50_000), 422, "image_too_large"));
        cases.forEach((what, refusal) -> {
            double before = hub.counted(refusal.code());
            HttpResponse<String> r = hub.upload(id, workerG01, refusal.bytes(), "image/jpeg");
            assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(refusal.status());
            assertThat(new JsonObject(r.body()).getString("code")).as(what).isEqualTo(refusal.code());
            assertThat(hub.counted(refusal.code())).as(what + " counted").isEqualTo(before + 1);
        });
        assertThat(hub.query("SELECT count(*) FROM ticket_evidence WHERE ticket_id = ?", id)).isZero();
        assertThat(hub.query("SELECT count(*) FROM ticket_audit WHERE ticket_id = ? AND action = 'evidence_added'", id)).isZero();
    }

    private record Refusal(byte[] bytes, int status, String code) {}

    @Test
    void uploadsBeyondTheBoundAreRefusedBusyBeforeTheirBodyIsReadAndTheSlotsComeBack() throws Exception {
        long id = rectifying("overloaded_socket_strip");
        int bound = 2 * 5; // photo_workers 2, five uploads each
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < bound; i++) slow.add(slowUpload(id, workerG01));
            Await.until("all slow uploads hold a slot", Duration.ofSeconds(20), () -> inProgress() == bound);
            double busyBefore = hub.counted("busy");
            HttpResponse<String> refused = hub.upload(id, workerG01, TestImages.jpeg(60, 40), "image/jpeg");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("busy");
            assertThat(hub.counted("busy")).isEqualTo(busyBefore + 1);
        } finally {
            for (Socket s : slow) s.close();
        }
        // Senders that went away give their slots back.
        Await.until("slots released", Duration.ofSeconds(20), () -> inProgress() == 0);
        assertThat(hub.upload(id, workerG01, TestImages.jpeg(60, 40), "image/jpeg").statusCode()).isEqualTo(201);
    }

    private static double inProgress() {
        return hub.meters.get("firehub.ticket.evidence.uploads.in.progress").gauge().value();
    }

    /** An upload whose headers and first bytes are sent, the rest never. */
    private static Socket slowUpload(long ticketId, Person who) throws IOException {
        URI base = URI.create(hub.baseUrl);
        Socket socket = new Socket(base.getHost(), base.getPort());
        String head = "POST /api/v1/tickets/" + ticketId + "/evidence HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Authorization: Bearer " + who.token() + "\r\nContent-Type: image/jpeg\r\nContent-Length: 500000\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        out.flush();
        return socket;
    }

    @Test
    void theDatabaseRefusesToRewriteOrRemoveAStoredPhoto() {
        long id = rectifying("propped_fire_door");
        long eid = hub.uploaded(id, workerG01, TestImages.jpeg(30, 30)).getLong("id");
        for (String statement : List.of("UPDATE ticket_evidence SET bytes = '\\x00' WHERE id = ?",
                "DELETE FROM ticket_evidence WHERE id = ?")) {
            assertThatThrownBy(() -> hub.execute(statement, eid)).as(statement)
                    .hasMessageContaining("ticket_evidence is append-only");
        }
        assertThatThrownBy(() -> hub.execute("TRUNCATE ticket_evidence")).hasMessageContaining("append-only");
        assertThat(hub.getBytes("/api/v1/tickets/" + id + "/evidence/" + eid, supervisor).statusCode()).isEqualTo(200);
    }

    @Test
    void photosAreServedToTheAssigneeOwnerAndSupervisorAndDoNotExistForAnotherGrid() {
        long id = rectifying("blocked_corridor");
        JsonObject stored = hub.uploaded(id, workerG01, TestImages.jpeg(100, 80));
        String url = stored.getString("url");
        for (Person allowed : new Person[] {workerG01, ownerG01, supervisor}) {
            assertThat(hub.getBytes(url, allowed).statusCode()).as(allowed.username()).isEqualTo(200);
        }
        HttpResponse<String> photo = hub.get(url, workerG02);
        assertThat(photo.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(photo.body()).getString("code")).isEqualTo("not_found");
        assertThat(hub.get("/api/v1/tickets/" + id + "/evidence", workerG02).statusCode()).isEqualTo(404);
        Person ownerElsewhere = hub.owner(hub.venue("G01"));
        assertThat(hub.get(url, ownerElsewhere).statusCode()).isEqualTo(404);
        // A photo id of another ticket is not found through this one, even for a supervisor.
        long other = rectifying("wedged_fire_door");
        assertThat(hub.get("/api/v1/tickets/" + other + "/evidence/" + stored.getLong("id"), supervisor).statusCode()).isEqualTo(404);
        assertThat(hub.get(url, null).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyThePeopleDoingTheWorkAddPhotosWhileRectifyingAndSupervisorsAtAnyOpenStep() {
        long id = rectifying("cluttered_stairwell");
        HttpResponse<String> colleague = hub.upload(id, otherWorkerG01, TestImages.jpeg(50, 50), "image/jpeg");
        assertThat(colleague.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(colleague.body()).getString("code")).isEqualTo("forbidden");
        assertThat(hub.upload(id, workerG02, TestImages.jpeg(50, 50), "image/jpeg").statusCode()).isEqualTo(404);

        hub.uploaded(id, workerG01, TestImages.jpeg(50, 50));
        hub.moved(workerG01, id, new JsonObject().put("to", "SUBMITTED").put("note", "cleared"));
        assertThat(hub.upload(id, workerG01, TestImages.jpeg(50, 50), "image/jpeg").statusCode()).isEqualTo(403);
        assertThat(hub.upload(id, supervisor, TestImages.jpeg(50, 50), "image/jpeg").statusCode()).isEqualTo(201);
        hub.moved(supervisor, id, new JsonObject().put("to", "CLOSED"));
        HttpResponse<String> closed = hub.upload(id, supervisor, TestImages.jpeg(50, 50), "image/jpeg");
        assertThat(closed.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(closed.body()).getString("code")).isEqualTo("illegal_transition");
    }

    @Test
    void submittingNeedsAPhotoAndAfterARejectANewOne() {
        long id = rectifying("blocked_hydrant");
        JsonObject submit = new JsonObject().put("to", "SUBMITTED").put("note", "hydrant cleared");
        HttpResponse<String> bare = hub.transition(workerG01, id, submit);
        assertThat(bare.statusCode()).isEqualTo(409);
        JsonObject refusal = new JsonObject(bare.body());
        assertThat(refusal.getString("code")).isEqualTo("evidence_required");
        assertThat(refusal.getString("message")).contains("photo");

        JsonObject first = hub.uploaded(id, workerG01, TestImages.jpeg(120, 90));
        assertThat(hub.moved(workerG01, id, submit).getString("state")).isEqualTo("SUBMITTED");
        hub.moved(supervisor, id, new JsonObject().put("to", "RECTIFYING").put("note", "hydrant still blocked"));
        assertThat(hub.transition(workerG01, id, submit).statusCode()).as("the old photo does not count again").isEqualTo(409);
        hub.uploaded(id, ownerG01, TestImages.jpeg(120, 90));
        assertThat(hub.moved(ownerG01, id, submit).getString("state")).isEqualTo("SUBMITTED");

        JsonArray history = new JsonArray(hub.get("/api/v1/tickets/" + id + "/history", supervisor).body());
        assertThat(history.stream().map(e -> ((JsonObject) e).getString("action")).toList()).containsExactly(
                "opened", "dispatch", "accept", "evidence_added", "submit", "reject", "evidence_added", "submit");
        JsonObject added = history.getJsonObject(3);
        assertThat(added.getString("actor")).isEqualTo(workerG01.username());
        assertThat(added.getJsonObject("details").getLong("evidenceId")).isEqualTo(first.getLong("id"));
        assertThat(added.getJsonObject("details").getString("sha256")).isEqualTo(first.getString("sha256"));
        assertThat(hub.checks("photo", "refused")).isGreaterThanOrEqualTo(2);
    }
}
