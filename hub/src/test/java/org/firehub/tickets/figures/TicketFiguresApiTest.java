package org.firehub.tickets.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.firehub.people.PasswordHasher;
import org.firehub.people.Role;
import org.firehub.people.SessionService;
import org.firehub.people.UserRepository;
import org.firehub.rules.Severity;
import org.firehub.testing.FreePorts;
import org.firehub.tickets.escalation.TicketsDb;
import org.firehub.tickets.escalation.TicketsDb.Person;
import org.firehub.tickets.web.FigureRoutes;
import org.firehub.tickets.web.TicketRoutes;
import org.firehub.web.ApiErrors;
import org.firehub.web.BearerAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Figures over a seeded set of tickets with known timestamps, on a real server and database.
 * In March 2026 (the period): grid G01 opened 7 — closed after 2 h, 4 h, 10 h and 30 h, one
 * cancelled, one overdue and escalated, one open within its deadline; grid G02 opened 2 — one
 * closed after 1 h, one overdue. One more G01 ticket, closed, was opened in February.
 */
class TicketFiguresApiTest {
    private static final Instant MARCH_2 = Instant.parse("2026-03-02T00:00:00Z");
    private static final String MARCH = "from=2026-03-01&to=2026-03-31";
    private static TicketsDb db;
    private static PasswordHasher hasher;
    private static HttpServer server;
    private static String baseUrl;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Person supervisor;
    private static Person workerG02;
    private static Person owner;
    private static long overdueId;

    @BeforeAll
    static void start() {
        db = new TicketsDb("figures");
        supervisor = db.person(Role.SUPERVISOR, null);
        workerG02 = db.person(Role.GRID_WORKER, "G02");
        owner = db.person(Role.VENUE_OWNER, null);
        Person worker = db.person(Role.GRID_WORKER, "G01");
        long noodles = db.venue("G01", "Noodle House");
        long evil = db.venue("G01", "=HYPERLINK(\"http://evil.example\",\"click\")");
        long market = db.venue("G02", "Market Hall");

        closed(noodles, "smoke", Severity.CRITICAL, MARCH_2, 2, worker);
        closed(noodles, "blocked_exit", Severity.MAJOR, MARCH_2, 4, worker);
        closed(evil, "smoke", Severity.CRITICAL, MARCH_2, 10, worker);
        closed(evil, "e_bike", Severity.MAJOR, MARCH_2, 30, worker);
        db.clock.set(MARCH_2);
        db.force(db.ticket(noodles, "false_alarm", Severity.MINOR), "CANCELLED", null, MARCH_2.plusSeconds(60));
        long overdue = db.ticket(noodles, "cable", Severity.MINOR);
        overdueId = overdue;
        db.execute("UPDATE tickets SET escalated_at = ?, escalated_to = ? WHERE id = ?",
                java.sql.Timestamp.from(MARCH_2.plus(Duration.ofDays(8))), supervisor.id(), overdue);
        db.clock.set(Instant.parse("2026-03-19T00:00:00Z"));
        db.ticket(noodles, "fresh", Severity.CRITICAL);
        closed(market, "gas", Severity.CRITICAL, MARCH_2, 1, db.person(Role.GRID_WORKER, "G02"));
        db.clock.set(MARCH_2);
        db.ticket(market, "gas_again", Severity.CRITICAL);
        closed(noodles, "february", Severity.MINOR, Instant.parse("2026-02-20T00:00:00Z"), 5, worker);
        db.clock.set(Instant.parse("2026-03-19T12:00:00Z"));

        hasher = new PasswordHasher(db.vertx, db.meters);
        SessionService sessions = new SessionService(db.pool, new UserRepository(db.pool), hasher, db.meters);
        Router router = Router.router(db.vertx);
        FigureRoutes.mount(router, db.pool, db.scopes, new BearerAuth(sessions), ZoneOffset.UTC, db.clock);
        TicketRoutes.mount(router, db.tickets, new BearerAuth(sessions), db.clock);
        router.route("/api/v1/*").failureHandler(new ApiErrors(db.meters)::handle);
        int port = FreePorts.next();
        server = TicketsDb.await(db.vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
        baseUrl = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        TicketsDb.await(server.close());
        hasher.close();
        db.close();
    }

    /** A ticket opened at {@code at} and closed {@code hours} later. */
    private static void closed(long venue, String hazard, Severity severity, Instant at, long hours, Person by) {
        db.clock.set(at);
        db.force(db.ticket(venue, hazard, severity), "CLOSED", by, at.plus(Duration.ofHours(hours)));
    }

    private static HttpResponse<String> get(String query, Person who, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/figures/tickets" + query)).GET()
                .timeout(Duration.ofSeconds(20));
        if (who != null) b.header("Authorization", "Bearer " + who.token());
        if (accept != null) b.header("Accept", accept);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject report(String query, Person who) {
        HttpResponse<String> r = get(query, who, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static JsonObject rowOf(JsonObject report, String group) {
        return report.getJsonArray("rows").stream().map(JsonObject.class::cast)
                .filter(r -> group.equals(r.getString("group"))).findFirst().orElseThrow(() -> new AssertionError("no row " + group));
    }

    @Test
    void byGridCountsRatesAndTimesMatchTheHandComputedValues() {
        JsonObject report = report("?by=grid&" + MARCH, supervisor);
        assertThat(report.getString("from")).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(report.getString("to")).as("a date as 'to' includes that day").isEqualTo("2026-04-01T00:00:00Z");
        assertThat(report.getJsonArray("rows").stream().map(r -> ((JsonObject) r).getString("group")).toList())
                .containsExactly("G01", "G02");

        JsonObject g01 = rowOf(report, "G01");
        assertThat(g01.getLong("opened")).isEqualTo(7);
        assertThat(g01.getLong("closed")).isEqualTo(4);
        assertThat(g01.getLong("cancelled")).isEqualTo(1);
        assertThat(g01.getDouble("closureRate")).isEqualTo(0.6667); // 4 / (7 - 1)
        assertThat(g01.getJsonObject("timeToClose").getDouble("medianHours")).isEqualTo(7.0); // 2, 4, 10, 30
        assertThat(g01.getJsonObject("timeToClose").getDouble("p90Hours")).isEqualTo(24.0); // 10 + 0.7 × 20
        assertThat(g01.getLong("overdueNow")).isEqualTo(1);
        assertThat(g01.getLong("escalated")).isEqualTo(1);

        JsonObject g02 = rowOf(report, "G02");
        assertThat(g02.getLong("opened")).isEqualTo(2);
        assertThat(g02.getDouble("closureRate")).isEqualTo(0.5);
        assertThat(g02.getJsonObject("timeToClose").getDouble("medianHours")).isEqualTo(1.0);
        assertThat(g02.getLong("overdueNow")).isEqualTo(1);

        JsonObject total = report.getJsonObject("total");
        assertThat(total.getString("group")).isNull();
        assertThat(total.getLong("opened")).isEqualTo(9);
        assertThat(total.getLong("closed")).isEqualTo(5);
        assertThat(total.getDouble("closureRate")).isEqualTo(0.625); // 5 / (9 - 1)
        assertThat(total.getJsonObject("timeToClose").getDouble("medianHours")).isEqualTo(4.0); // 1, 2, 4, 10, 30
        assertThat(total.getJsonObject("timeToClose").getDouble("p90Hours")).isEqualTo(22.0); // 10 + 0.6 × 20
        assertThat(total.getLong("overdueNow")).isEqualTo(2);
        assertThat(total.getLong("escalated")).isEqualTo(1);
    }

    @Test
    void byHazardSeverityAndVenueGroupTheSameTickets() {
        JsonObject byHazard = report("?by=hazard&" + MARCH, supervisor);
        JsonObject smoke = rowOf(byHazard, "smoke");
        assertThat(smoke.getLong("opened")).isEqualTo(2);
        assertThat(smoke.getJsonObject("timeToClose").getDouble("medianHours")).isEqualTo(6.0);
        assertThat(rowOf(byHazard, "false_alarm").getValue("closureRate")).as("nothing left to close: undefined").isNull();
        assertThat(rowOf(byHazard, "fresh").getJsonObject("timeToClose").getValue("medianHours")).isNull();

        JsonObject bySeverity = report("?by=severity&" + MARCH, supervisor);
        assertThat(rowOf(bySeverity, "critical").getLong("opened")).isEqualTo(5);
        assertThat(rowOf(bySeverity, "minor").getLong("opened")).isEqualTo(2);
        assertThat(bySeverity.getJsonObject("total").getLong("opened")).isEqualTo(9);

        JsonObject byVenue = report("?by=venue&" + MARCH, supervisor);
        JsonArray rows = byVenue.getJsonArray("rows");
        assertThat(rows.stream().map(r -> ((JsonObject) r).getString("name")).toList())
                .containsExactly("Noodle House", "=HYPERLINK(\"http://evil.example\",\"click\")", "Market Hall");
        assertThat(rows.getJsonObject(0).getLong("opened")).isEqualTo(5);
    }

    @Test
    void withoutAPeriodTheLastThirtyDaysCount() {
        JsonObject report = report("", supervisor);
        assertThat(report.getString("by")).isEqualTo("grid");
        assertThat(report.getString("to")).isEqualTo("2026-03-19T12:00:00Z");
        assertThat(report.getString("from")).isEqualTo("2026-02-17T12:00:00Z");
        assertThat(report.getJsonObject("total").getLong("opened")).as("February's ticket too").isEqualTo(10);
        JsonObject instants = report("?from=2026-03-02T00:00:00Z&to=2026-03-02T00:00:00.001Z", supervisor);
        assertThat(instants.getJsonObject("total").getLong("opened")).isEqualTo(8);
    }

    @Test
    void aGridWorkerSeesOnlyTheirGridsRowsAndOwnersNone() {
        JsonObject report = report("?by=grid&" + MARCH, workerG02);
        assertThat(report.getJsonArray("rows").stream().map(r -> ((JsonObject) r).getString("group")).toList())
                .containsExactly("G02");
        assertThat(report.getJsonObject("total").getLong("opened")).isEqualTo(2);
        JsonObject byVenue = report("?by=venue&" + MARCH, workerG02);
        assertThat(byVenue.getJsonArray("rows").stream().map(r -> ((JsonObject) r).getString("name")).toList())
                .containsExactly("Market Hall");

        HttpResponse<String> owners = get("?" + MARCH, owner, null);
        assertThat(owners.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(owners.body()).getString("code")).isEqualTo("forbidden");
        assertThat(get("?" + MARCH, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void csvHasAHeaderAnAttachmentNameAndDefusesFormulas() throws IOException {
        HttpResponse<String> r = get("?by=venue&format=csv&" + MARCH, supervisor, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"tickets-by-venue-2026-03-01_2026-03-31.csv\"");
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(r.body())).getRecords();
        assertThat(records.get(0).toList()).containsExactly("venue", "name", "opened", "closed", "cancelled", "closure_rate",
                "median_hours_to_close", "p90_hours_to_close", "overdue_now", "escalated");
        assertThat(records).hasSize(5);
        assertThat(records.get(1).toList()).containsExactly(records.get(1).get(0), "Noodle House", "5", "2", "1", "0.5",
                "3", "3.8", "1", "1");
        assertThat(records.get(2).get(1)).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(records.get(4).toList()).containsExactly("(total)", "", "9", "5", "1", "0.625", "4", "22", "2", "1");

        HttpResponse<String> byAccept = get("?by=grid&" + MARCH, supervisor, "text/csv");
        assertThat(byAccept.headers().firstValue("Content-Disposition").orElseThrow()).contains("tickets-by-grid-");
        assertThat(byAccept.body()).startsWith("grid,opened,closed");
        assertThat(byAccept.body().lines().filter(l -> l.startsWith("G01,7,4,1,0.6667,7,24,1,1"))).hasSize(1);

        HttpResponse<String> prefersJson = get("?by=grid&" + MARCH, supervisor, "application/json, text/csv;q=0.5");
        assertThat(prefersJson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        HttpResponse<String> prefersCsv = get("?by=grid&" + MARCH, supervisor, "application/json;q=0.4, text/csv");
        assertThat(prefersCsv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        HttpResponse<String> formatWins = get("?by=grid&format=json&" + MARCH, supervisor, "text/csv");
        assertThat(formatWins.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }

    @Test
    void theTicketItselfShowsWhenAndToWhomItEscalated() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/tickets/" + overdueId))
                .header("Authorization", "Bearer " + supervisor.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject ticket = new JsonObject(r.body());
        assertThat(ticket.getString("escalatedAt")).isEqualTo("2026-03-10T00:00:00Z");
        assertThat(ticket.getLong("escalatedTo")).isEqualTo(supervisor.id());
        assertThat(ticket.getBoolean("overdue")).isTrue();
    }

    @Test
    void formulaCellsArePrefixed() {
        assertThat(FigureCsv.safe("=1+1")).isEqualTo("'=1+1");
        assertThat(FigureCsv.safe("+31")).isEqualTo("'+31");
        assertThat(FigureCsv.safe("-G7")).isEqualTo("'-G7");
        assertThat(FigureCsv.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(FigureCsv.safe("\tX")).isEqualTo("'\tX");
        assertThat(FigureCsv.safe("G01")).isEqualTo("G01");
    }

    @Test
    void badParametersAre400Invalid() {
        for (String query : List.of("?by=street", "?from=yesterday", "?from=2026-13-01", "?to=2026-03-01T25:00:00Z",
                "?from=2026-03-10&to=2026-03-01", "?from=2000-01-01&to=2026-01-01", "?format=xlsx",
                "?by=" + URLEncoder.encode("grid'; DROP TABLE tickets; --", StandardCharsets.UTF_8))) {
            HttpResponse<String> r = get(query, supervisor, null);
            assertThat(r.statusCode()).as(query + " → " + r.body()).isEqualTo(400);
            JsonObject error = new JsonObject(r.body());
            assertThat(error.getString("code")).as(query).isEqualTo("invalid");
            assertThat(error.getString("message")).as(query).isNotBlank();
        }
        assertThat(db.queryLong("SELECT count(*) FROM tickets")).as("the seeded ten, untouched").isEqualTo(10);
    }
}
