package org.firehub.publicpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resident reports through the JSON API and the page's form: accepted ones make tickets, refused ones nothing. */
class PublicReportTest {
    private static final String GOOD = "楼道里堆满了电动车，正在充电";
    private static PublicHarness h;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        h = new PublicHarness("publicreport");
        base = h.serve(1000, 1000);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String formToken(String baseUrl, PublicHarness.Venue v) {
        return new JsonObject(h.get(baseUrl + "/api/v1/public/venues/" + v.token(), null).body()).getString("formToken");
    }

    private static HttpResponse<String> report(String baseUrl, PublicHarness.Venue v, JsonObject body) {
        return h.postJson(baseUrl + "/api/v1/public/venues/" + v.token() + "/reports", body);
    }

    @Test
    void anAcceptedReportOpensOneResidentTicketAndRepeatsCountOccurrences() {
        PublicHarness.Venue v = h.venue("Report Me", "residential");
        double before = h.counted("accepted");
        for (int i = 0; i < 2; i++) {
            String token = formToken(base, v);
            h.clock.advance(Duration.ofSeconds(5));
            HttpResponse<String> r = report(base, v, new JsonObject().put("description", GOOD + " " + i).put("formToken", token));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        assertThat(h.residentTickets(v.id())).isEqualTo(1);
        assertThat(h.queryLong("SELECT occurrences FROM tickets WHERE venue_id = ? AND state = 'OPEN' AND hazard = 'resident_report'"
                + " AND severity = 'minor'", v.id())).isEqualTo(2);
        assertThat(h.counted("accepted") - before).isEqualTo(2);
        // The level follows at once (the report invalidated the cached level): a minor open hazard.
        JsonObject page = new JsonObject(h.get(base + "/api/v1/public/venues/" + v.token(), null).body());
        assertThat(page.getJsonObject("level").getString("code")).isEqualTo("yellow");
        assertThat(h.meters.scrape()).contains("firehub_public_reports_total{outcome=\"accepted\"}");
    }

    @Test
    void spamAndBadInputAreRefusedWithCodesCountedAndMakeNoTicket() {
        PublicHarness.Venue v = h.venue("Spam Target", "shop");
        String token = formToken(base, v);
        expectRefused(v, new JsonObject().put("description", GOOD).put("formToken", token), 400, "too_fast");
        h.clock.advance(Duration.ofSeconds(5));
        expectRefused(v, new JsonObject().put("description", GOOD).put("formToken", token).put("website", "http://spam"), 400,
                "honeypot");
        expectRefused(v, new JsonObject().put("description", "太短了").put("formToken", token), 400, "too_short");
        expectRefused(v, new JsonObject().put("description", "x".repeat(1001)).put("formToken", token), 400, "too_long");
        expectRefused(v, new JsonObject().put("description", GOOD), 400, "bad_form_token");
        expectRefused(v, new JsonObject().put("description", GOOD).put("formToken", token + "x"), 400, "bad_form_token");
        PublicHarness.Venue other = h.venue("Other Venue", "shop");
        expectRefused(v, new JsonObject().put("description", GOOD).put("formToken", formToken(base, other)), 400, "bad_form_token");
        h.clock.advance(Duration.ofHours(3));
        expectRefused(v, new JsonObject().put("description", GOOD).put("formToken", token), 400, "form_expired");
        expectRefused(v, new JsonObject().put("description", 42).put("formToken", token), 400, "invalid");
        assertThat(h.residentTickets(v.id())).isZero();
        HttpResponse<String> unknown = h.postJson(base + "/api/v1/public/venues/AAAAAAAAAAAAAAAAAAAAAA/reports",
                new JsonObject().put("description", GOOD).put("formToken", token));
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private static void expectRefused(PublicHarness.Venue v, JsonObject body, int status, String code) {
        double before = h.counted(code);
        HttpResponse<String> r = report(base, v, body);
        assertThat(r.statusCode()).as(code + ": " + r.body()).isEqualTo(status);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo(code);
        if (!code.equals("invalid")) assertThat(h.counted(code) - before).as(code).isEqualTo(1);
    }

    @Test
    void tooManyReportsFromOneAddressOrForOneVenueAreThrottled() {
        String strict = h.serve(2, 1000);
        PublicHarness.Venue v = h.venue("Throttled", "shop");
        for (int i = 0; i < 2; i++) {
            String token = formToken(strict, v);
            h.clock.advance(Duration.ofSeconds(5));
            assertThat(report(strict, v, new JsonObject().put("description", GOOD).put("formToken", token)).statusCode()).isEqualTo(202);
        }
        String token = formToken(strict, v);
        h.clock.advance(Duration.ofSeconds(5));
        double before = h.counted("throttled");
        HttpResponse<String> r = report(strict, v, new JsonObject().put("description", GOOD).put("formToken", token));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("throttled");
        long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retry).isBetween(1L, 3600L);
        assertThat(h.counted("throttled") - before).isEqualTo(1);
        assertThat(h.queryLong("SELECT occurrences FROM tickets WHERE venue_id = ?", v.id())).isEqualTo(2);
        // An hour later the address may report again.
        h.clock.advance(Duration.ofHours(1));
        String later = formToken(strict, v);
        h.clock.advance(Duration.ofSeconds(5));
        assertThat(report(strict, v, new JsonObject().put("description", GOOD).put("formToken", later)).statusCode()).isEqualTo(202);

        String perVenue = h.serve(1000, 1);
        PublicHarness.Venue busy = h.venue("Busy", "shop");
        String t1 = formToken(perVenue, busy);
        h.clock.advance(Duration.ofSeconds(5));
        assertThat(report(perVenue, busy, new JsonObject().put("description", GOOD).put("formToken", t1)).statusCode()).isEqualTo(202);
        assertThat(report(perVenue, busy, new JsonObject().put("description", GOOD).put("formToken", t1)).statusCode()).isEqualTo(429);
    }

    @Test
    void theFormWithAPhotoRedirectsToThanksAndKeepsAReencodedPhoto() throws Exception {
        PublicHarness.Venue v = h.venue("Photo Venue", "warehouse");
        String page = h.get(base + "/v/" + v.token(), null).body();
        String token = PublicHarness.formTokenOf(page);
        h.clock.advance(Duration.ofSeconds(5));
        HttpResponse<String> r = h.postForm(base + "/v/" + v.token() + "/report?lang=zh", GOOD, "", token, png());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/v/" + v.token() + "/thanks?lang=zh");
        HttpResponse<String> thanks = h.get(base + "/v/" + v.token() + "/thanks?lang=zh", null);
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("感谢您的报告");
        assertThat(h.residentTickets(v.id())).isEqualTo(1);
        byte[] stored = h.queryBytes("SELECT p.bytes FROM public_report_photos p JOIN tickets t ON t.id = p.ticket_id"
                + " WHERE t.venue_id = ?", v.id());
        assertThat(stored).isNotNull();
        assertThat(stored[0] & 0xff).isEqualTo(0xff);
        assertThat(stored[1] & 0xff).isEqualTo(0xd8);
        BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(stored));
        assertThat(decoded.getWidth()).isEqualTo(40);
        assertThat(h.get(base + "/v/" + v.token(), null).body()).doesNotContain("public_report_photos", ".jpg", "<img");
    }

    @Test
    void aRefusedFormShowsThePageAgainWithTheMessageAndTheResidentsTextEscaped() {
        PublicHarness.Venue v = h.venue("Form Venue", "shop");
        String token = PublicHarness.formTokenOf(h.get(base + "/v/" + v.token(), null).body());
        h.clock.advance(Duration.ofSeconds(5));
        HttpResponse<String> notAnImage = h.postForm(base + "/v/" + v.token() + "/report?lang=en", GOOD + " <script>x</script>", "",
                token, "this is not an image at all".getBytes());
        assertThat(notAnImage.statusCode()).isEqualTo(400);
        assertThat(notAnImage.body()).contains("The photo could not be read", "&lt;script&gt;x&lt;/script&gt;")
                .doesNotContain("<script>");
        HttpResponse<String> honeypot = h.postForm(base + "/v/" + v.token() + "/report", GOOD, "bot-was-here",
                PublicHarness.formTokenOf(notAnImage.body()), null);
        assertThat(honeypot.statusCode()).isEqualTo(400);
        assertThat(honeypot.body()).contains("表单不完整");
        HttpResponse<String> tooFast = h.postForm(base + "/v/" + v.token() + "/report", GOOD, "",
                PublicHarness.formTokenOf(honeypot.body()), null);
        assertThat(tooFast.statusCode()).isEqualTo(400);
        assertThat(tooFast.body()).contains("提交过快");
        assertThat(h.residentTickets(v.id())).isZero();
    }

    @Test
    void anOversizedPhotoIsRefusedByItsSizeAndAHugeBodyGetsA413Page() {
        PublicHarness.Venue v = h.venue("Big Photo", "shop");
        String token = PublicHarness.formTokenOf(h.get(base + "/v/" + v.token(), null).body());
        h.clock.advance(Duration.ofSeconds(5));
        double before = h.counted("photo_too_large");
        HttpResponse<String> big = h.postForm(base + "/v/" + v.token() + "/report", GOOD, "", token,
                new byte[PhotoCheck.MAX_BYTES + 10]);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("照片太大", "报告消防隐患");
        assertThat(h.counted("photo_too_large") - before).isEqualTo(1);
        HttpResponse<String> huge = h.postForm(base + "/v/" + v.token() + "/report", GOOD, "", token, new byte[6 * 1024 * 1024]);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(h.residentTickets(v.id())).isZero();
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(3, 3, 0xffff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
