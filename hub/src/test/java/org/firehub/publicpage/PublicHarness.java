package org.firehub.publicpage;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.auth.SecretTokens;
import org.firehub.people.AccessScope;
import org.firehub.people.AccessScopes;
import org.firehub.risk.RiskFiles;
import org.firehub.risk.RiskService;
import org.firehub.runtime.PgSettings;
import org.firehub.testing.FreePorts;
import org.firehub.testing.TestDatabase;
import org.firehub.testing.TestRegistry;
import org.firehub.tickets.TicketPolicy;
import org.firehub.tickets.TicketService;
import org.firehub.tickets.TransitionGuard;
import org.firehub.web.ApiErrors;

/**
 * A fresh migrated PostgreSQL, the real ticket and risk services, and the public page on real HTTP
 * servers (127.0.0.1, free ports), with a clock the test moves (form fill times without waiting).
 */
final class PublicHarness implements AutoCloseable {
    static final byte[] SECRET = "test-form-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    final PgSettings pg;
    final Vertx vertx = Vertx.vertx();
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Pool pool;
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T02:00:00Z"));
    final TicketService tickets;
    final RiskService risk;
    final Path uploads;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<HttpServer> servers = new ArrayList<>();
    private final AtomicInteger names = new AtomicInteger();

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override public Instant instant() { return now; }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    record Venue(long id, String token) {}

    PublicHarness(String dbPrefix) throws IOException {
        pg = TestDatabase.migrated(dbPrefix);
        pool = pg.pool(vertx, 6);
        AccessScopes everything = p -> Future.succeededFuture(AccessScope.everything());
        tickets = TicketService.create(vertx, pool, everything, TicketPolicy.defaults(), clock, TransitionGuard.NONE, meters);
        risk = RiskService.create(pool, RiskFiles.shipped(), clock, meters);
        uploads = Files.createTempDirectory("public-uploads");
    }

    /** A server with the public page under these per-address / per-venue hourly limits; returns its base URL. */
    String serve(int perAddress, int perVenue) {
        Router router = Router.router(vertx);
        PublicPageSettings settings = PublicPageSettings.defaults(SECRET, uploads).withClock(clock).withLimits(perAddress, perVenue);
        PublicPage.mount(router, vertx, pool, risk, tickets, settings, meters);
        router.route("/api/v1/*").failureHandler(new ApiErrors(meters)::handle);
        int port = FreePorts.next();
        HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
        servers.add(server);
        return "http://127.0.0.1:" + port;
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("future did not succeed: " + e, e);
        }
    }

    Venue venue(String name, String type) {
        String token = SecretTokens.generate();
        long id = queryLong("INSERT INTO venues (name, address, type, grid, qr_token) VALUES (?, '1 Old Street', ?, 'g1', ?)"
                + " RETURNING id", name, type, token);
        return new Venue(id, token);
    }

    String device(long venueId) {
        String id = "pubdev-" + names.incrementAndGet();
        try {
            TestRegistry.insertDevice(pg, id, "gas", venueId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        execute("INSERT INTO device_presence (device_id, last_seen_at) VALUES (?, ?)", id,
                java.sql.Timestamp.from(clock.instant()));
        return id;
    }

    long residentTickets(long venueId) {
        return queryLong("SELECT count(*) FROM tickets WHERE venue_id = ? AND source = 'resident_report'", venueId);
    }

    long queryLong(String sql, Object... args) {
        try (Connection c = TestRegistry.connect(pg); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    byte[] queryBytes(String sql, Object... args) {
        try (Connection c = TestRegistry.connect(pg); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    void execute(String sql, Object... args) {
        try (Connection c = TestRegistry.connect(pg); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
            st.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    HttpResponse<String> get(String url, String acceptLanguage) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (acceptLanguage != null) b.header("Accept-Language", acceptLanguage);
        return send(b);
    }

    HttpResponse<String> postJson(String url, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    /** A browser's multipart form post; {@code photo} may be null (no file chosen). */
    HttpResponse<String> postForm(String url, String description, String honeypot, String formToken, byte[] photo) {
        String boundary = "----firehubtest" + names.incrementAndGet();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "form_token", formToken);
        field(body, boundary, "website", honeypot);
        field(body, boundary, "description", description);
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\""
                + (photo == null ? "" : "p.png") + "\"\r\nContent-Type: " + (photo == null ? "application/octet-stream" : "image/png")
                + "\r\n\r\n");
        if (photo != null) body.writeBytes(photo);
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The form token a page embeds (hidden input). */
    static String formTokenOf(String html) {
        var m = java.util.regex.Pattern.compile("name=\"form_token\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) throw new AssertionError("no form token in page");
        return m.group(1);
    }

    double counted(String outcome) {
        var counter = meters.find("firehub.public.reports").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        for (HttpServer s : servers) await(s.close());
        await(pool.close());
        await(vertx.close());
    }
}
