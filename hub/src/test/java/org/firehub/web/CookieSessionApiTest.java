package org.firehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.web.SessionHarness.cookieCredentials;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.firehub.people.Role;
import org.firehub.people.SessionSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's cookie sessions: what the cookie looks like, and the CSRF check on unsafe requests. */
class CookieSessionApiTest {
    static SessionHarness api;

    @BeforeAll
    static void start() {
        api = new SessionHarness("cookie_sessions", SessionSettings.DEFAULTS);
        api.user("sup", "supervisor-pw", Role.SUPERVISOR);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** A signed-in console: the cookie's value (as the browser would send it) and the CSRF token the page got. */
    record Console(String cookie, String csrf, HttpResponse<String> login) {}

    static Console consoleLogin(SessionHarness api, String username, String password) {
        HttpResponse<String> response = api.login(cookieCredentials(username, password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        String pair = setCookie.split(";", 2)[0];
        assertThat(pair).startsWith("firehub_session=");
        return new Console(pair, new JsonObject(response.body()).getString("csrfToken"), response);
    }

    static String venue(String name) {
        return new JsonObject().put("name", name).put("address", "1 Road").put("type", "shop").put("grid", "G-01").encode();
    }

    @Test
    void cookieLoginSetsAnHttpOnlyStrictCookieAndKeepsTheTokenOutOfTheBody() {
        Console console = consoleLogin(api, "sup", "supervisor-pw");

        String setCookie = console.login().headers().firstValue("Set-Cookie").orElseThrow();
        // Cookie attribute names are case-insensitive (Vert.x writes "HTTPOnly").
        assertThat(attributes(setCookie)).contains("httponly", "samesite=strict", "path=/")
                .anyMatch(a -> a.matches("max-age=43[0-2][0-9]{2}"))  // about 12 h
                .doesNotContain("secure");  // FIREHUB_COOKIE_SECURE is off by default
        JsonObject body = new JsonObject(console.login().body());
        assertThat(body.containsKey("token")).isFalse();
        String sessionToken = console.cookie().substring("firehub_session=".length());
        assertThat(console.login().body()).doesNotContain(sessionToken);
        assertThat(body.getString("csrfToken")).hasSizeGreaterThanOrEqualTo(22).isNotEqualTo(sessionToken);
        assertThat(body.getString("expiresAt")).isNotBlank();
        assertThat(body.getJsonObject("user").getString("username")).isEqualTo("sup");
        assertThat(body.getJsonObject("user").getString("role")).isEqualTo("supervisor");
        assertThat(console.login().headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    static java.util.List<String> attributes(String setCookie) {
        return java.util.Arrays.stream(setCookie.split(";")).skip(1).map(a -> a.strip().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @Test
    void getWithTheCookieAloneWorks() {
        Console console = consoleLogin(api, "sup", "supervisor-pw");

        HttpResponse<String> venues = api.send("GET", "/api/v1/venues", null, Map.of("Cookie", console.cookie()));
        assertThat(venues.statusCode()).isEqualTo(200);
        HttpResponse<String> me = api.send("GET", "/api/v1/me", null, Map.of("Cookie", console.cookie()));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(me.body()).getJsonObject("session").getString("kind")).isEqualTo("cookie");
    }

    @Test
    void unsafeCookieRequestWithoutOrWithAWrongCsrfTokenIsRefused() throws Exception {
        Console console = consoleLogin(api, "sup", "supervisor-pw");
        Console other = consoleLogin(api, "sup", "supervisor-pw");

        HttpResponse<String> without = api.send("POST", "/api/v1/venues", venue("No CSRF"),
                Map.of("Cookie", console.cookie(), "Content-Type", "application/json"));
        HttpResponse<String> wrong = api.send("POST", "/api/v1/venues", venue("Wrong CSRF"),
                Map.of("Cookie", console.cookie(), "Content-Type", "application/json", "X-CSRF-Token", "guess"));
        HttpResponse<String> anotherSessions = api.send("POST", "/api/v1/venues", venue("Other CSRF"),
                Map.of("Cookie", console.cookie(), "Content-Type", "application/json", "X-CSRF-Token", other.csrf()));

        for (HttpResponse<String> refused : new HttpResponse[] {without, wrong, anotherSessions}) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("csrf");
        }
        try (var c = api.jdbc(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM venues WHERE name LIKE '%CSRF'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("no refused request created a venue").isZero();
        }
    }

    @Test
    void unsafeCookieRequestWithTheSessionsCsrfTokenPasses() {
        Console console = consoleLogin(api, "sup", "supervisor-pw");

        HttpResponse<String> created = api.send("POST", "/api/v1/venues", venue("With CSRF"),
                Map.of("Cookie", console.cookie(), "Content-Type", "application/json", "X-CSRF-Token", console.csrf()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void bearerRequestsNeedNoCsrfToken() {
        String token = api.bearer("sup", "supervisor-pw");
        HttpResponse<String> created = api.withBearer("POST", "/api/v1/venues", token, venue("Bearer venue"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aTokenOnlyWorksTheWayItsSessionWasOpened() {
        Console console = consoleLogin(api, "sup", "supervisor-pw");
        String cookieToken = console.cookie().substring("firehub_session=".length());
        String bearer = api.bearer("sup", "supervisor-pw");

        assertThat(api.withBearer("GET", "/api/v1/venues", cookieToken, null).statusCode()).isEqualTo(401);
        assertThat(api.send("GET", "/api/v1/venues", null, Map.of("Cookie", "firehub_session=" + bearer)).statusCode())
                .as("a bearer token in a cookie would skip the CSRF check").isEqualTo(401);
        assertThat(api.send("GET", "/api/v1/venues", null, Map.of("Cookie", "firehub_session=forged")).statusCode()).isEqualTo(401);
    }

    @Test
    void cookieLogoutNeedsTheCsrfTokenThenEndsTheSessionAndClearsTheCookie() {
        Console console = consoleLogin(api, "sup", "supervisor-pw");

        HttpResponse<String> forged = api.send("POST", "/api/v1/logout", null, Map.of("Cookie", console.cookie()));
        assertThat(forged.statusCode()).as("another site cannot sign the person out").isEqualTo(403);
        assertThat(api.send("GET", "/api/v1/me", null, Map.of("Cookie", console.cookie())).statusCode()).isEqualTo(200);

        HttpResponse<String> logout = api.send("POST", "/api/v1/logout", null,
                Map.of("Cookie", console.cookie(), "X-CSRF-Token", console.csrf()));
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("firehub_session=;").containsIgnoringCase("Max-Age=0");
        assertThat(api.send("GET", "/api/v1/me", null, Map.of("Cookie", console.cookie())).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownSessionKindIsRefusedWithItsField() {
        HttpResponse<String> response = api.login(new JsonObject().put("username", "sup").put("password", "supervisor-pw")
                .put("session", "jwt").encode());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("session");
    }

    @Test
    void secureFlagWhenConfigured() {
        try (SessionHarness secure = new SessionHarness("cookie_secure",
                SessionSettings.from(Map.of("FIREHUB_COOKIE_SECURE", "true")))) {
            secure.user("admin", "admin-pw", Role.ADMIN);
            Console console = consoleLogin(secure, "admin", "admin-pw");
            assertThat(attributes(console.login().headers().firstValue("Set-Cookie").orElseThrow())).contains("secure", "httponly");
        }
    }
}
