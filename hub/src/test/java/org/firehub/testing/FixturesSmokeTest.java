package org.firehub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

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
}
