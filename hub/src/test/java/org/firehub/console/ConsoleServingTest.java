package org.firehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.firehub.people.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a browser gets from /console: the pages, their security headers, and the login redirect. */
class ConsoleServingTest {
    private static ConsoleHarness hub;

    @BeforeAll
    static void start() {
        hub = new ConsoleHarness("console_serving");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void consoleWithoutSessionRedirectsToLogin() {
        HttpResponse<String> response = hub.get("/console/", null);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/console/login.html");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleRoutes.CSP);
    }

    @Test
    void anUnknownOrEndedSessionCookieAlsoRedirects() {
        HttpResponse<String> response = hub.send("GET", "/console/", null, Map.of("Cookie", "firehub_session=not-a-session"));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/console/login.html");
    }

    @Test
    void aLiveCookieSessionGetsTheAppNeverCached() {
        var worker = hub.person(Role.GRID_WORKER, "G01");
        HttpResponse<String> login = hub.send("POST", "/api/v1/login", new JsonObject().put("username", worker.username())
                .put("password", ConsoleHarness.PASSWORD).put("session", "cookie").encode(), Map.of("Content-Type", "application/json"));
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

        HttpResponse<String> app = hub.send("GET", "/console/", null, Map.of("Cookie", cookie));
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(app.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(app.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }

    @Test
    void loginPageIsServedWithStrictPolicyAndNoInlineScript() {
        HttpResponse<String> page = hub.get("/console/login.html", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("default-src 'self'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        // The policy forbids inline script: every script must be a file.
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    }

    @Test
    void scriptsAreModulesRevalidatedAndUplotComesFromTheJar() {
        HttpResponse<String> script = hub.get("/console/app.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-cache");

        HttpResponse<String> uplot = hub.get("/console/vendor/uplot/uPlot.esm.js", null);
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("export { uPlot as default }");
        assertThat(uplot.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
        // Nothing outside the console folder is reachable: logback.xml sits beside it on the classpath.
        for (String escape : new String[] {"/console/../logback.xml", "/console/%2e%2e/logback.xml", "/console/..%2flogback.xml",
                "/console/vendor/uplot/..%2f..%2f..%2f..%2flogback.xml"}) {
            HttpResponse<String> r = hub.get(escape, null);
            assertThat(r.body()).as(escape).doesNotContain("<configuration");
        }
    }

    @Test
    void unknownFilesAreNotFoundAndNoDirectoryIsListed() {
        assertThat(hub.get("/console/nothing-here.js", null).statusCode()).isEqualTo(404);
        assertThat(hub.get("/console/vendor/uplot/", null).statusCode()).isEqualTo(404);
    }

    @Test
    void noDataInThePagesIsEverWrittenAsHtml() {
        for (String file : new String[] {"app.js", "tickets.js", "pages.js", "login.js", "dom.js", "i18n.js", "hazards.js", "venues.js"}) {
            assertThat(hub.get("/console/" + file, null).body()).as(file).doesNotContain("innerHTML").doesNotContain("outerHTML");
        }
    }
}
