package org.firehub.publicpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resident's page and its JSON, on a real HTTP server over a real PostgreSQL. */
class PublicPageTest {
    private static PublicHarness h;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        h = new PublicHarness("publicpage");
        base = h.serve(1000, 1000);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void thePageIsChineseByDefaultLightPhoneReadyAndLockedDown() {
        PublicHarness.Venue v = h.venue("老街小吃店", "restaurant");
        HttpResponse<String> r = h.get(base + "/v/" + v.token(), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String html = r.body();
        assertThat(html).contains("<html lang=\"zh-CN\"", "老街小吃店", "餐饮店", "消防安全等级", "安全", "报告消防隐患",
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", "href=\"/v/" + v.token() + "?lang=en\"");
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(100 * 1024);
        assertThat(html).doesNotContain("<script", "style=");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'", "style-src 'self'", "form-action 'self'").doesNotContain("unsafe-inline");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        HttpResponse<String> css = h.get(base + "/public/page.css", null);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.body()).contains(".level-red");
        assertThat(html.length() + css.body().length()).isLessThan(100 * 1024);
        System.out.printf("public page: %d bytes of HTML, %d bytes of CSS%n", html.getBytes(StandardCharsets.UTF_8).length,
                css.body().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void englishByAcceptLanguageOrTheSwitch() {
        PublicHarness.Venue v = h.venue("Corner Shop", "shop");
        String byHeader = h.get(base + "/v/" + v.token(), "en-GB,en;q=0.9,zh;q=0.5").body();
        assertThat(byHeader).contains("<html lang=\"en\"", "Fire safety level", "Safe", "Shop", "Report a fire hazard",
                "href=\"/v/" + v.token() + "?lang=zh\"");
        String bySwitch = h.get(base + "/v/" + v.token() + "?lang=en", "zh-CN").body();
        assertThat(bySwitch).contains("Fire safety level");
        String chineseFirst = h.get(base + "/v/" + v.token(), "zh-CN,zh;q=0.9,en;q=0.8").body();
        assertThat(chineseFirst).contains("消防安全等级");
        assertThat(h.get(base + "/v/" + v.token(), "fr-FR;;;garbage").body()).contains("消防安全等级");
    }

    @Test
    void theLevelReasonsCountsOnlineShareAndLastInspectionAreShown() {
        PublicHarness.Venue v = h.venue("Busy Market", "market");
        long inspector = h.queryLong("INSERT INTO users (username, password_hash, role, grid) VALUES ('insp-facts', 'x',"
                + " 'grid_worker', 'g1') RETURNING id");
        Timestamp now = Timestamp.from(h.clock.instant());
        Timestamp closed = Timestamp.from(h.clock.instant().minus(Duration.ofDays(10)));
        h.execute("INSERT INTO tickets (venue_id, hazard, severity, state, source, deadline, first_seen_at, last_seen_at, created_at)"
                + " VALUES (?, 'blocked_exit', 'critical', 'OPEN', 'patrol', ?, ?, ?, ?)", v.id(),
                Timestamp.from(h.clock.instant().plus(Duration.ofHours(5))), closed, closed, closed);
        h.execute("INSERT INTO tickets (venue_id, hazard, severity, state, source, deadline, first_seen_at, last_seen_at, created_at,"
                + " closed_at, assignee_user_id) VALUES (?, 'old', 'minor', 'CLOSED', 'device_rule', ?, ?, ?, ?, ?, ?)", v.id(), now,
                closed, closed, closed, Timestamp.from(h.clock.instant().minus(Duration.ofDays(2))), inspector);
        h.device(v.id());
        h.device(v.id());
        h.device(v.id());
        String silent = h.device(v.id());
        h.execute("UPDATE device_presence SET last_seen_at = ? WHERE device_id = ?",
                Timestamp.from(h.clock.instant().minus(Duration.ofHours(3))), silent);
        JsonObject json = new JsonObject(h.get(base + "/api/v1/public/venues/" + v.token() + "?lang=en", null).body());
        assertThat(json.getJsonObject("level").getString("code")).isEqualTo("orange");
        assertThat(json.getJsonObject("level").getString("label")).isEqualTo("Elevated risk");
        assertThat(json.getJsonArray("reasons").stream().map(o -> ((JsonObject) o).getString("code")).toList())
                .containsExactly("open_critical_ticket", "device_offline");
        assertThat(json.getJsonArray("reasons").getJsonObject(0).getString("zh")).isEqualTo("1 项重大隐患正在整改");
        assertThat(json.getJsonObject("openHazards")).isEqualTo(new JsonObject().put("critical", 1).put("major", 0)
                .put("minor", 0).put("total", 1));
        assertThat(json.getJsonObject("devices").getDouble("onlinePercent")).isEqualTo(75.0);
        assertThat(json.getString("lastInspection")).isEqualTo("2026-02-28");
        assertThat(json.getString("typeLabel")).isEqualTo("Market");
        String html = h.get(base + "/v/" + v.token(), null).body();
        assertThat(html).contains("level-orange", "较高风险", "1 项重大隐患正在整改", "25% 的监测设备离线", "75%", "2026-02-28");
    }

    @Test
    void aVenueNameWithMarkupIsEscaped() {
        PublicHarness.Venue v = h.venue("<script>alert('x')</script>\"><img src=x onerror=alert(1)>", "new_kind");
        String html = h.get(base + "/v/" + v.token(), null).body();
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<script", "<img").contains("new kind");
        JsonObject json = new JsonObject(h.get(base + "/api/v1/public/venues/" + v.token(), null).body());
        assertThat(json.getString("name")).startsWith("<script>");
    }

    @Test
    void nothingPersonalAndNoInternalIdIsShown() {
        PublicHarness.Venue v = h.venue("Quiet Hotel", "hotel");
        String device = h.device(v.id());
        long worker = h.queryLong("INSERT INTO users (username, password_hash, role, grid, display_name, phone) VALUES"
                + " ('wangwu_inspector', 'x', 'grid_worker', 'g1', '王五', '13800138000') RETURNING id");
        Timestamp t = Timestamp.from(h.clock.instant());
        long ticket = h.queryLong("INSERT INTO tickets (venue_id, device_id, hazard, severity, state, source, deadline,"
                + " first_seen_at, last_seen_at, created_at, assignee_user_id, created_by, dispatched_at) VALUES (?, ?,"
                + " 'gas_leak_low', 'major', 'DISPATCHED', 'patrol', ?, ?, ?, ?, ?, ?, ?) RETURNING id", v.id(), device,
                Timestamp.from(h.clock.instant().plus(Duration.ofDays(2))), t, t, t, worker, worker, t);
        h.execute("INSERT INTO ticket_audit (ticket_id, at, actor_user_id, actor_role, action, note) VALUES (?, ?, ?,"
                + " 'grid_worker', 'dispatch', 'owner Li Lei 13911112222 said the valve is old')", ticket, t, worker);
        HttpResponse<String> page = h.get(base + "/v/" + v.token(), null);
        HttpResponse<String> pageEn = h.get(base + "/v/" + v.token() + "?lang=en", null);
        HttpResponse<String> json = h.get(base + "/api/v1/public/venues/" + v.token(), null);
        for (HttpResponse<String> r : List.of(page, pageEn, json)) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("wangwu_inspector", "王五", "13800138000", "Li Lei", "13911112222", "valve",
                    device, "gas_leak_low", "1 Old Street");
        }
        assertThat(page.body()).contains("1 项较大隐患正在整改");
        List<String> keys = new ArrayList<>();
        collectKeys(new JsonObject(json.body()), keys);
        assertThat(keys).noneMatch(k -> k.equalsIgnoreCase("id") || k.toLowerCase().endsWith("id"));
        // Ids are small numbers that counts could equal by chance, so no id-named key is the check; the
        // values are counts, labels and dates only.
        assertThat(keys).containsOnly("name", "type", "typeLabel", "lang", "level", "code", "colour", "label", "reasons", "text",
                "zh", "en", "openHazards", "critical", "major", "minor", "total", "devices", "count", "onlinePercent",
                "lastInspection", "formToken");
    }

    private static void collectKeys(Object value, List<String> keys) {
        if (value instanceof JsonObject o) {
            for (String k : o.fieldNames()) {
                keys.add(k);
                collectKeys(o.getValue(k), keys);
            }
        } else if (value instanceof JsonArray a) {
            a.forEach(item -> collectKeys(item, keys));
        }
    }

    @Test
    void unknownAndJunkTokensAre404OnThePageAndInTheApi() {
        h.venue("Known", "shop");
        for (String token : List.of("AAAAAAAAAAAAAAAAAAAAAA", "short", "has%20space%20in%20it%20and%20more", "%3Cscript%3Ealert(1)%3C%2Fscript%3Exxxx")) {
            HttpResponse<String> page = h.get(base + "/v/" + token, null);
            assertThat(page.statusCode()).as(token).isEqualTo(404);
            assertThat(page.body()).contains("未找到该场所").doesNotContain("<script>");
            assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
            HttpResponse<String> api = h.get(base + "/api/v1/public/venues/" + token, null);
            assertThat(api.statusCode()).as(token).isEqualTo(404);
            assertThat(new JsonObject(api.body()).getString("code")).isEqualTo("not_found");
        }
    }

    @Test
    void aTokenIsLookedUpThroughTheUniqueIndexWhetherOrNotItExists() {
        h.venue("Indexed", "shop");
        for (String token : List.of("AAAAAAAAAAAAAAAAAAAAAA", h.venue("Indexed 2", "shop").token())) {
            String plan = explain(PublicVenues.SQL.replace("$1", "'" + token + "'"));
            assertThat(plan).as(plan).contains("Index Scan using venues_qr_token_key");
        }
    }

    private static String explain(String sql) {
        StringBuilder plan = new StringBuilder();
        try (var c = org.firehub.testing.TestRegistry.connect(h.pg); var st = c.createStatement();
             var rs = st.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) plan.append(rs.getString(1)).append('\n');
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return plan.toString();
    }

    @Test
    void theApiRoutesAreTheOnesDescribedInOpenApi() throws Exception {
        io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(h.vertx);
        PublicPage.mount(router, h.vertx, h.pool, h.risk, h.tickets, PublicPageSettings.defaults(PublicHarness.SECRET, h.uploads),
                h.meters);
        java.util.Set<String> routed = new java.util.TreeSet<>();
        for (io.vertx.ext.web.Route route : router.getRoutes()) {
            if (route.getPath() == null || !route.getPath().startsWith("/api/") || route.methods() == null) continue;
            for (var method : route.methods()) {
                routed.add(method.name().toLowerCase(java.util.Locale.ROOT) + " " + route.getPath().replaceAll(":([A-Za-z]+)", "{$1}"));
            }
        }
        var spec = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(getClass().getClassLoader().getResource("api/openapi.yaml"));
        java.util.Set<String> described = new java.util.TreeSet<>();
        spec.path("paths").properties().forEach(p -> {
            if (p.getKey().startsWith("/api/v1/public/")) p.getValue().properties().forEach(op -> described.add(op.getKey() + " " + p.getKey()));
        });
        assertThat(routed).isEqualTo(described).contains("get /api/v1/public/venues/{qrToken}",
                "post /api/v1/public/venues/{qrToken}/reports");
    }

    /** Coarse figures (printed): a known token does one more query (its level) than an unknown one. */
    @Test
    void knownAndUnknownTokensAnswerInComparableTime() {
        PublicHarness.Venue v = h.venue("Timed", "shop");
        long known = medianMicros(base + "/v/" + v.token());
        long unknown = medianMicros(base + "/v/AAAAAAAAAAAAAAAAAAAAAB");
        System.out.printf("public page median: known %d us, unknown %d us%n", known, unknown);
        assertThat(known).isLessThan(500_000);
        assertThat(unknown).isLessThan(500_000);
    }

    private static long medianMicros(String url) {
        long[] t = new long[31];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            h.get(url, null);
            t[i] = (System.nanoTime() - start) / 1000;
        }
        java.util.Arrays.sort(t);
        return t[t.length / 2];
    }
}
