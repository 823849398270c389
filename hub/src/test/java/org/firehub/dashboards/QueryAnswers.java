package org.firehub.dashboards;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the answers of InfluxDB's {@code /query} and Prometheus' {@code /api/v1/query} the way
 * a panel would draw them: how many real values (not null, not NaN) there are to draw, or the
 * error the server gave.
 */
final class QueryAnswers {
    private QueryAnswers() {}

    /** Non-null values in every series of every statement (the time column excluded). */
    static int influxValues(JsonNode answer) {
        int values = 0;
        for (JsonNode result : answer.path("results")) {
            for (JsonNode series : result.path("series")) {
                for (JsonNode row : series.path("values")) {
                    for (int column = 1; column < row.size(); column++) {
                        if (!row.get(column).isNull()) values++;
                    }
                }
            }
        }
        return values;
    }

    /** The server's error ({@code error} of the answer or of any statement), or null. */
    static String influxError(JsonNode answer) {
        if (answer.hasNonNull("error")) return answer.path("error").asText();
        for (JsonNode result : answer.path("results")) {
            if (result.hasNonNull("error")) return result.path("error").asText();
        }
        return null;
    }

    /** Finite samples in a vector or matrix answer. */
    static int prometheusValues(JsonNode answer) {
        int values = 0;
        for (JsonNode series : answer.path("data").path("result")) {
            if (series.has("value")) values += finite(series.path("value")) ? 1 : 0;
            for (JsonNode sample : series.path("values")) values += finite(sample) ? 1 : 0;
        }
        return values;
    }

    static String prometheusError(JsonNode answer) {
        return "success".equals(answer.path("status").asText()) ? null
                : answer.path("errorType").asText() + ": " + answer.path("error").asText();
    }

    private static boolean finite(JsonNode sample) {
        try {
            return Double.isFinite(Double.parseDouble(sample.path(1).asText()));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
