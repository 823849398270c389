package org.firehub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

class FixturesSmokeTest {
    @Test
    void realServersStartAndAnswer() throws Exception {
        String url = TestPostgres.shared().newDatabase("smoke");
        try (var c = DriverManager.getConnection(url, "postgres", ""); var rs = c.createStatement().executeQuery("select version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("PostgreSQL");
        }
        var influx = TestInflux.shared();
        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(influx.url() + "/ping")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void headlessChromiumRunsAPagesScriptAtPhoneWidth() throws Exception {
        var vertx = io.vertx.core.Vertx.vertx();
        try {
            String page = "<!doctype html><meta name=viewport content='width=device-width'><p id=out>static</p>"
                    + "<script>document.getElementById('out').textContent = 'scripted ' + window.innerWidth;</script>";
            var server = vertx.createHttpServer().requestHandler(req -> req.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8").end(page))
                    .listen(0, "127.0.0.1").await();
            try (TestBrowser browser = TestBrowser.phone()) {
                browser.driver().get("http://127.0.0.1:" + server.actualPort() + "/");
                assertThat(browser.driver().findElement(By.id("out")).getText()).isEqualTo("scripted 360");
                assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.devicePixelRatio")).isEqualTo(2L);
                assertThat(browser.screenshot("fixture-smoke")).isRegularFile();
            }
        } finally {
            vertx.close().await();
        }
    }
}
