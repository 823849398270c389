package org.firehub.sim;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./firehub sim influx-ceiling}: how many reading points per second InfluxDB itself
 * accepts on this machine, written directly in line protocol with the hub's schema and batch
 * size. The hub's end-to-end rate is judged against this ceiling.
 */
@Command(name = "influx-ceiling", mixinStandardHelpOptions = true,
        description = "Measure InfluxDB's direct write ceiling with the hub's schema and batch size.")
final class InfluxCeilingCommand implements Callable<Integer> {
    @Option(names = "--influx", defaultValue = "http://127.0.0.1:8086", description = "InfluxDB URL (v1 API).")
    String influxUrl;

    @Option(names = "--db", defaultValue = "firehub_ceiling", description = "Scratch database (created, then dropped).")
    String database;

    @Option(names = "--points", defaultValue = "500000", description = "Points to write (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--batch", defaultValue = "5000", description = "Points per write (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--writers", defaultValue = "1", description = "Concurrent writers (default: ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--devices", defaultValue = "1000", description = "Distinct devices (series) (default: ${DEFAULT-VALUE}).")
    int devices;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        Ceiling ceiling = measure();
        System.out.printf("InfluxDB direct write: %d points in %.2fs = %.0f points/s (batch %d, writers %d, failed batches %d)%n",
                points, ceiling.seconds(), ceiling.pointsPerSecond(), batchSize, writers, ceiling.failedBatches());
        return ceiling.failedBatches() == 0 ? 0 : 1;
    }

    /** What one ceiling run measured. */
    record Ceiling(int points, double seconds, long failedBatches) {
        double pointsPerSecond() {
            return points / seconds;
        }
    }

    /** Writes {@code points} into a scratch database, then drops it; also used by {@code bench}. */
    Ceiling measure() throws Exception {
        query("CREATE DATABASE " + database);
        long baseTs = System.currentTimeMillis() - 86_400_000L;
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            threads.add(Thread.ofPlatform().start(() -> {
                long from;
                while ((from = next.getAndAdd(batchSize)) < points) {
                    StringBuilder body = new StringBuilder(batchSize * 160);
                    for (long i = from; i < Math.min(points, from + batchSize); i++) {
                        long device = i % devices;
                        body.append("readings,device_id=ceil-").append(device).append(",grid=G01,kind=smoke,venue_id=1 ")
                                .append("smoke_obscuration_db_m=0.05,temperature_c=21.5,battery_pct=90,rssi_dbm=-70 ")
                                .append(baseTs + i / devices).append('\n');
                    }
                    if (!write(body.toString())) errors.incrementAndGet();
                }
            }));
        }
        for (Thread thread : threads) thread.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        query("DROP DATABASE " + database);
        return new Ceiling(points, seconds, errors.get());
    }

    private boolean write(String lines) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(influxUrl + "/write?precision=ms&db=" + database))
                .POST(HttpRequest.BodyPublishers.ofString(lines)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        } catch (Exception e) {
            return false;
        }
    }

    private void query(String influxQl) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(influxUrl + "/query?q="
                + URLEncoder.encode(influxQl, StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException(influxQl + ": " + response.body());
    }
}
