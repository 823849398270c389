package org.firehub.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.DeviceMessage;
import org.firehub.testing.TestInflux;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real influxd must read {@link LineProtocol}'s output as exactly what it read from the former
 * {@code Point}-based encoder ({@link PointMapper}): same series, same field types, same values
 * to the last bit, for many generated messages with unusual tag characters and awkward doubles.
 */
class LineProtocolEquivalenceTest {
    private static final long SEED = 20261124L;
    private static final int MESSAGES = 1_500;
    private static final String[] ODD_TEXT = {"smoke", "old town", "a,b", "x=y", "c, d=e f", "back\\slash", "ünïcødé-区域",
            "quote\"d", "#hash", "tab\there", "trailing ", " leading", "=", ",", "", "G-07"};
    private static final String[] READING_NAMES = {"temperature_c", "battery_pct", "temp c", "a=b", "x,y", "ünï", "r\\s", "_"};
    private static final double[] AWKWARD = {0.0, -0.0, 1.0, -1.0, 87.0, 1e15, 1e16, 123456789012.0, 9.007199254740993E15,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 1e-300, -1e-300, 0.1, 0.3, 1.0 / 3, 2.5e-7, 4.35e21, -273.15};

    private static InfluxHttp http;
    private static InfluxWriter writer;
    private static String oldDb;
    private static String newDb;
    private static int expectedPoints;

    @BeforeAll
    static void writeTheSameMessagesBothWays() {
        String url = TestInflux.shared().url();
        http = new InfluxHttp(url);
        oldDb = http.freshDatabase("point_encoder");
        newDb = http.freshDatabase("line_encoder");
        List<DeviceMessage> messages = generate(new Random(SEED));

        List<String> oldLines = new ArrayList<>();
        for (DeviceMessage message : messages) {
            for (Point point : PointMapper.points(message)) oldLines.add(point.lineProtocol(TimeUnit.MILLISECONDS));
        }
        expectedPoints = oldLines.size();
        for (int from = 0; from < oldLines.size(); from += 500) {
            http.writeLine(oldDb, String.join("\n", oldLines.subList(from, Math.min(oldLines.size(), from + 500))));
        }

        writer = InfluxWriter.create(url, null, null, newDb, null);
        int written = 0;
        for (int from = 0; from < messages.size(); from += 250) {
            WriteOutcome outcome = writer.write(messages.subList(from, Math.min(messages.size(), from + 250)));
            assertThat(outcome).isInstanceOf(WriteOutcome.Written.class);
            written += ((WriteOutcome.Written) outcome).points();
        }
        assertThat(written).isEqualTo(expectedPoints);
    }

    @AfterAll
    static void closeWriter() {
        if (writer != null) writer.close();
    }

    @Test
    void sameSeriesKeys() {
        List<String> series = column(newDb, "SHOW SERIES");
        assertThat(series).hasSizeGreaterThan(100);
        assertThat(series).containsExactlyElementsOf(column(oldDb, "SHOW SERIES"));
    }

    @Test
    void sameFieldsWithSameTypesReadingsFloatAndSeqInteger() {
        JsonNode fields = http.query(newDb, "SHOW FIELD KEYS").path("results").path(0);
        assertThat(fields).isEqualTo(http.query(oldDb, "SHOW FIELD KEYS").path("results").path(0));
        Map<String, String> readingTypes = new LinkedHashMap<>();
        Map<String, String> eventTypes = new LinkedHashMap<>();
        for (JsonNode series : fields.path("series")) {
            Map<String, String> target = series.path("name").asText().equals("readings") ? readingTypes : eventTypes;
            series.path("values").forEach(v -> target.put(v.path(0).asText(), v.path(1).asText()));
        }
        assertThat(readingTypes).hasSize(READING_NAMES.length).allSatisfy((name, type) -> assertThat(type).isEqualTo("float"));
        assertThat(eventTypes).containsExactlyEntriesOf(Map.of("seq", "integer"));
    }

    @Test
    void sameValuesInEverySeriesToTheLastBit() {
        for (String measurement : List.of("readings", "events")) {
            JsonNode fresh = http.query(newDb, "SELECT * FROM " + measurement + " GROUP BY *").path("results").path(0);
            JsonNode reference = http.query(oldDb, "SELECT * FROM " + measurement + " GROUP BY *").path("results").path(0);
            assertThat(fresh.path("series").size()).as(measurement).isGreaterThan(10);
            for (int i = 0; i < reference.path("series").size(); i++) {
                assertThat(fresh.path("series").path(i)).as("%s series %s", measurement, reference.path("series").path(i).path("tags"))
                        .isEqualTo(reference.path("series").path(i));
            }
            assertThat(fresh.path("series").size()).isEqualTo(reference.path("series").size());
        }
        long stored = http.count(newDb, "SELECT count(seq) FROM events") + rows(newDb, "readings");
        assertThat(stored).as("points stored (duplicates within a series and instant collapse in both)").isEqualTo(
                http.count(oldDb, "SELECT count(seq) FROM events") + rows(oldDb, "readings"));
        assertThat(stored).isGreaterThan(expectedPoints / 2);
    }

    /** Messages with odd tags, awkward doubles, 0–6 readings and 0–4 events; a unique timestamp each. */
    private static List<DeviceMessage> generate(Random random) {
        List<DeviceMessage> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            Device device = new Device(new DeviceId(deviceId(random)), pick(random, ODD_TEXT), random.nextInt(1_000_000), pick(random, ODD_TEXT));
            Map<String, Double> readings = new LinkedHashMap<>();
            int readingCount = random.nextInt(7);
            for (int r = 0; r < readingCount; r++) readings.put(pick(random, READING_NAMES), value(random));
            List<String> events = new ArrayList<>();
            int eventCount = random.nextInt(5) == 0 ? 1 + random.nextInt(4) : 0;
            for (int e = 0; e < eventCount; e++) events.add(nonEmpty(random));
            OptionalLong seq = switch (random.nextInt(4)) {
                case 0 -> OptionalLong.empty();
                case 1 -> OptionalLong.of(Long.MAX_VALUE - random.nextInt(1000));
                default -> OptionalLong.of(random.nextLong(0, 1L << 42));
            };
            messages.add(new DeviceMessage(device, TestMessages.BASE_TS + i * 7L, seq, readings, events, 0));
        }
        return messages;
    }

    private static double value(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> AWKWARD[random.nextInt(AWKWARD.length)];
            case 1 -> (double) random.nextLong(-1_000_000_000L, 1_000_000_000L);
            case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(-30, 31));
            default -> Math.round(random.nextDouble(-50, 150) * 100) / 100.0;
        };
    }

    private static String deviceId(Random random) {
        String alphabet = "ABCxyz019_-";
        int length = 1 + random.nextInt(random.nextBoolean() ? 8 : 64);
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++) id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return id.toString();
    }

    private static String nonEmpty(Random random) {
        String text;
        do text = pick(random, ODD_TEXT); while (text.isEmpty());
        return text;
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static long rows(String db, String measurement) {
        JsonNode series = http.query(db, "SELECT * FROM " + measurement + " GROUP BY *").path("results").path(0).path("series");
        long rows = 0;
        for (JsonNode one : series) rows += one.path("values").size();
        return rows;
    }

    private static List<String> column(String db, String influxQl) {
        JsonNode values = http.query(db, influxQl).path("results").path(0).path("series").path(0).path("values");
        List<String> column = new ArrayList<>();
        values.forEach(v -> column.add(v.path(0).asText()));
        return column.stream().sorted().collect(Collectors.toList());
    }
}
