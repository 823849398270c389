package org.firehub.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./firehub bench alarms}: how long from a device's publish until the alarm is on the
 * live feed a console watches ({@code GET /api/v1/alarms/stream}), under whatever load is
 * running (start {@code ./firehub sim} alongside for "at load"). Each trigger device, alone in
 * its venue so no correlation joins in, sends a smoke {@code alarm} over MQTT QoS 1, waits for
 * {@code alarm.raised} on the feed, then {@code alarm_cleared} and waits for
 * {@code alarm.cleared}; the clock is this process's, at both ends.
 */
@Command(name = "alarms", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Latency from a device's MQTT publish to the alarm on the hub's live feed (p50/p95/p99/max).")
final class AlarmLatencyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--devices", defaultValue = "20", description = "Trigger devices, each in a venue of its own (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--rounds", defaultValue = "10", description = "Raise/clear rounds per trigger device (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--timeout", defaultValue = "10", converter = DurationConverter.class,
            description = "How long to wait for one alarm on the feed; longer counts as missed (default: ${DEFAULT-VALUE} s).")
    Duration timeout;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:${env:FIREHUB_HTTP_PORT:-8080}",
            description = "Hub HTTP base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--mqtt", defaultValue = "tcp://127.0.0.1:${env:FIREHUB_MQTT_PORT:-1883}",
            description = "Hub MQTT URL (default: ${DEFAULT-VALUE}).")
    String mqttUrl;

    @Option(names = "--user", defaultValue = "admin", description = "Operator user; password from FIREHUB_ADMIN_PASSWORD (default: ${DEFAULT-VALUE}).")
    String user;

    private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || rounds < 1) return usage("--devices and --rounds must be at least 1");
        String password = System.getenv("FIREHUB_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) return usage("FIREHUB_ADMIN_PASSWORD must hold the operator password");
        HubApi api = new HubApi(url);
        api.login(user, password);

        // Fresh ids every run: the alarms of an earlier run stay in the hub's history untouched.
        String prefix = "lat" + Long.toString(System.currentTimeMillis(), 36);
        List<String[]> triggers = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            long venue = api.createVenue(prefix + " venue " + i, i + " Latency Lane", "rental_housing", "BENCH").path("id").asLong();
            String id = "%s-%03d".formatted(prefix, i);
            triggers.add(new String[] {id, api.createDevice(id, "smoke", venue).path("token").asText()});
        }

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> feed = http.send(HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/v1/alarms/stream"))
                .header("Authorization", "Bearer " + api.bearer()).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        if (feed.statusCode() != 200) return usage("the live feed answered " + feed.statusCode());
        Thread reader = Thread.ofPlatform().daemon().name("feed-reader").start(() -> read(feed.body()));

        Histogram raised = new Histogram(60_000_000_000L, 3);
        Histogram cleared = new Histogram(60_000_000_000L, 3);
        Histogram acked = new Histogram(60_000_000_000L, 3);
        AtomicInteger missed = new AtomicInteger();
        System.out.printf("bench alarms: %d trigger devices x %d rounds against %s, feed %s%n", devices, rounds, mqttUrl, url);
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> runs = new ArrayList<>();
            for (String[] trigger : triggers) {
                runs.add(pool.submit(() -> {
                    trigger(trigger[0], trigger[1], raised, cleared, acked, missed);
                    return null;
                }));
            }
            for (Future<?> run : runs) run.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        reader.interrupt();
        http.shutdownNow();

        System.out.printf("%d rounds in %.1f s, %d missed (no feed event within %d s)%n",
                (long) devices * rounds, seconds, missed.get(), timeout.toSeconds());
        print("publish -> alarm.raised on the feed", raised);
        print("publish -> alarm.cleared on the feed", cleared);
        print("publish -> PUBACK (durable)", acked);
        return missed.get() == 0 ? 0 : 1;
    }

    private void trigger(String deviceId, String token, Histogram raised, Histogram cleared, Histogram acked,
                         AtomicInteger missed) throws MqttException, InterruptedException {
        MqttClient client = new MqttClient(mqttUrl, deviceId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(deviceId);
        options.setPassword(token.toCharArray());
        options.setCleanSession(true);
        client.connect(options);
        try {
            for (int round = 0; round < rounds; round++) {
                measure(client, deviceId, "alarm", "alarm.raised", raised, acked, missed);
                measure(client, deviceId, "alarm_cleared", "alarm.cleared", cleared, acked, missed);
            }
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private void measure(MqttClient client, String deviceId, String event, String feedEvent, Histogram latency,
                         Histogram acked, AtomicInteger missed) throws MqttException, InterruptedException {
        CompletableFuture<Long> seen = new CompletableFuture<>();
        waiting.put(deviceId + " " + feedEvent, seen);
        byte[] body = "{\"ts\":%d,\"events\":[\"%s\"]}".formatted(System.currentTimeMillis(), event).getBytes(StandardCharsets.UTF_8);
        long sent = System.nanoTime();
        client.publish("devices/" + deviceId + "/events", body, 1, false);
        long ack = System.nanoTime();
        synchronized (acked) {
            acked.recordValue(ack - sent);
        }
        try {
            long at = seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (latency) {
                latency.recordValue(Math.max(0, at - sent));
            }
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            missed.incrementAndGet();
        } finally {
            waiting.remove(deviceId + " " + feedEvent);
        }
    }

    /** Server-sent events: {@code event:} and {@code data:} lines, dispatched at a blank line. */
    private void read(Stream<String> lines) {
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (name[0] != null && !data.isEmpty()) dispatch(name[0], data.toString());
                    name[0] = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            });
        } catch (RuntimeException closed) {
            // the stream ends when the bench is done
        }
    }

    private void dispatch(String event, String data) {
        long now = System.nanoTime();
        try {
            JsonNode alarm = JSON.readTree(data);
            CompletableFuture<Long> seen = waiting.get(alarm.path("deviceId").asText() + " " + event);
            if (seen != null) seen.complete(now);
        } catch (java.io.IOException e) {
            System.err.println("bench alarms: unreadable feed event " + event + ": " + e.getMessage());
        }
    }

    private static void print(String what, Histogram h) {
        System.out.printf("%-38s n %5d  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(95) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6);
    }

    private static int usage(String problem) {
        System.err.println("firehub bench alarms: " + problem);
        return 2;
    }
}
