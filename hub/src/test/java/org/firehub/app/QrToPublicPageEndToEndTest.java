package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.firehub.testing.Await;
import org.firehub.testing.FreePorts;
import org.firehub.testing.HubProcess;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a resident does with the sticker at the door: the hub prints a venue's QR code, a phone
 * scans it (here ZXing decodes the PNG the API served) and opens the link, which is the hub's
 * own public page of that venue, in Chinese, without the owner's name or phone.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class QrToPublicPageEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path home;
    private static HubProcess hub;

    @BeforeAll
    static void start() {
        int port = FreePorts.next();
        hub = HubProcess.create(home, TestPostgres.shared().newDatabase("qrpage"), TestInflux.shared().url())
                .with("FIREHUB_INFLUX_DB", "firehub_qrpage")
                .with("FIREHUB_HTTP_PORT", Integer.toString(port))
                .with("FIREHUB_PUBLIC_URL", "http://127.0.0.1:" + port).start();
        Await.until("hub healthy", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
    }

    @Test
    void theScannedCodeOpensTheVenuesPublicPage() throws Exception {
        String admin = hub.adminToken();
        long venue = hub.post("/api/v1/venues", admin, Map.of("name", "老王面馆", "address", "东街 3 号",
                "type", "restaurant", "grid", "QR-G1"), 201).path("id").asLong();
        long owner = hub.post("/api/v1/users", admin, Map.of("username", "wang.owner", "role", "venue_owner",
                "password", "owner-password-123", "displayName", "王大明", "phone", "13800138000"), 201).path("id").asLong();
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(hub.httpUrl() + "/api/v1/venues/" + venue + "/owners/" + owner))
                .header("Authorization", "Bearer " + admin).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).as("the owner owns the venue").isEqualTo(200);
        hub.post("/api/v1/tickets", admin, Map.of("venueId", venue, "hazard", "blocked_exit", "severity", "major",
                "note", "王大明 promised to clear the exit"), 201);

        HttpResponse<byte[]> png = HTTP.send(HttpRequest.newBuilder(URI.create(hub.httpUrl() + "/api/v1/venues/" + venue + "/qr.png"))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        var image = ImageIO.read(new ByteArrayInputStream(png.body()));
        String scanned = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
        assertThat(scanned).startsWith(hub.httpUrl() + "/v/");

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(scanned)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("老王面馆").contains("lang=\"zh");
        assertThat(page.body()).as("a ticket note and people never show")
                .doesNotContain("promised").doesNotContain("王大明").doesNotContain("13800138000").doesNotContain("wang.owner");
    }
}
