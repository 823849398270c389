package org.firehub.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./firehub bench coap}: CoAP and DTLS 1.2 PSK against the running hub, through the whole
 * ingest path (spool fsync included): full DTLS handshakes per second (each request on a fresh
 * session), then confirmable POST throughput and latency, plain and over a kept DTLS session,
 * {@code --clients} clients with one request outstanding each.
 */
@Command(name = "coap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "CoAP and DTLS PSK against the running hub: handshakes/s, then request rate and latency, plain and DTLS.")
final class CoapBenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARMUP_STEPS = 5;

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent clients, one device each (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "5000", description = "Requests per client, plain and DTLS each (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--handshakes", defaultValue = "100", description = "Full DTLS handshakes per client (default: ${DEFAULT-VALUE}).")
    int handshakes;

    @Option(names = "--coap", defaultValue = "coap://127.0.0.1:${env:FIREHUB_COAP_PORT:-5683}", description = "Hub CoAP URL (default: ${DEFAULT-VALUE}).")
    String coapUrl;

    @Option(names = "--coaps", defaultValue = "coaps://127.0.0.1:${env:FIREHUB_COAPS_PORT:-5684}", description = "Hub CoAPS URL (default: ${DEFAULT-VALUE}).")
    String coapsUrl;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:${env:FIREHUB_HTTP_PORT:-8080}",
            description = "Hub HTTP base URL, to register the bench devices (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", defaultValue = "admin", description = "Operator user; password from FIREHUB_ADMIN_PASSWORD (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--home", defaultValue = "${env:FIREHUB_HOME:-var}",
            description = "Where bench-coap-devices.json (0600: tokens and PSKs) is kept (default: ${DEFAULT-VALUE}).")
    Path home;

    /** A bench device with its DTLS PSK (the hex text the hub showed once at registration). */
    record CoapDevice(String deviceId, String token, String psk) {}

    record CoapFleet(List<CoapDevice> devices) {}

    /** What one phase measured. */
    record Phase(String what, int count, double seconds, Histogram latency) {
        void print() {
            System.out.printf("| %-52s | %8.0f/s | %7.2f | %7.2f | %7.2f |%n", what, count / seconds,
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);
        }
    }

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || requests < 1 || handshakes < 1) return usage("--clients, --requests and --handshakes must be >= 1");
        String password = System.getenv("FIREHUB_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) return usage("FIREHUB_ADMIN_PASSWORD must hold the operator password");
        List<CoapDevice> devices = ensureFleet(home.resolve("bench-coap-devices.json"), clients, password);
        if (devices.stream().anyMatch(d -> d.psk() == null || d.psk().isEmpty())) {
            return usage("the hub gave no DTLS PSKs at registration (is CoAPS configured?)");
        }
        // Per device, seqs rise across the phases and above any earlier run's (the base grows by 1e6 a
        // second): a seq the hub has seen would be acknowledged as a duplicate without the spool append.
        long seqBase = System.currentTimeMillis() * 1000;
        System.out.printf("bench coap: %d clients against %s and %s, one request outstanding each%n", clients, coapUrl, coapsUrl);
        List<Phase> phases = new ArrayList<>();
        phases.add(run("DTLS PSK full handshake + 1 request", handshakes, (c, i, latency) -> {
            CoapDevice device = devices.get(c);
            CoapEndpoint endpoint = dtlsEndpoint(device);
            try {
                long start = System.nanoTime();
                post(endpoint, coapsUrl + "/telemetry/" + device.deviceId(), seqBase + 2L * (handshakes + WARMUP_STEPS) * c + i);
                latency.recordValue(System.nanoTime() - start);
            } finally {
                endpoint.destroy();
            }
        }));
        List<CoapEndpoint> plain = endpoints(devices, false);
        try {
            phases.add(run("plain CoAP CON POST, token in the query", requests, (c, i, latency) -> {
                CoapDevice device = devices.get(c);
                long start = System.nanoTime();
                post(plain.get(c), coapUrl + "/telemetry/" + device.deviceId() + "?token=" + device.token(),
                        seqBase + 1_000_000L + (long) (requests + WARMUP_STEPS) * c + i);
                latency.recordValue(System.nanoTime() - start);
            }));
        } finally {
            plain.forEach(CoapEndpoint::destroy);
        }
        List<CoapEndpoint> secure = endpoints(devices, true);
        try {
            phases.add(run("DTLS CoAP CON POST, session kept", requests, (c, i, latency) -> {
                long start = System.nanoTime();
                post(secure.get(c), coapsUrl + "/telemetry/" + devices.get(c).deviceId(), seqBase + 2_000_000L + (long) (requests + WARMUP_STEPS) * c + i);
                latency.recordValue(System.nanoTime() - start);
            }));
        } finally {
            secure.forEach(CoapEndpoint::destroy);
        }
        System.out.printf("%n%d clients x 1 outstanding; every 2.04 came after the hub's spool append (fsync)%n", clients);
        System.out.printf("| %-52s | %10s | %7s | %7s | %7s |%n", "what", "rate", "p50 ms", "p99 ms", "max ms");
        System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(54), "-".repeat(12), "-".repeat(9), "-".repeat(9), "-".repeat(9));
        phases.forEach(Phase::print);
        return 0;
    }

    /** One request of client {@code c}, number {@code i}; records its own latency. */
    interface Step {
        void run(int client, int i, Histogram latency) throws Exception;
    }

    /** One endpoint per client, kept for all its requests (so one DTLS session each). */
    private static List<CoapEndpoint> endpoints(List<CoapDevice> devices, boolean dtls) {
        List<CoapEndpoint> endpoints = new ArrayList<>();
        for (CoapDevice device : devices) endpoints.add(dtls ? dtlsEndpoint(device) : plainEndpoint());
        return endpoints;
    }

    /** Runs {@code perClient} steps on each client thread after 5 untimed warm-up steps ({@code i} 0..4; timed ones are 5..). */
    private Phase run(String what, int perClient, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Histogram> latencies = new ArrayList<>();
        for (int c = 0; c < clients; c++) latencies.add(new Histogram(60_000_000_000L, 3));
        try {
            List<Future<Void>> warm = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                warm.add(pool.submit(() -> {
                    Histogram ignored = new Histogram(60_000_000_000L, 3);
                    for (int i = 0; i < WARMUP_STEPS; i++) step.run(client, i, ignored);
                    return null;
                }));
            }
            for (Future<Void> f : warm) f.get();
            long start = System.nanoTime();
            List<Future<Void>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    for (int i = WARMUP_STEPS; i < WARMUP_STEPS + perClient; i++) step.run(client, i, latencies.get(client));
                    return null;
                }));
            }
            for (Future<Void> f : futures) f.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram all = new Histogram(60_000_000_000L, 3);
            latencies.forEach(all::add);
            Phase phase = new Phase(what, clients * perClient, seconds, all);
            System.out.printf("%s: %d in %.1f s%n", what, phase.count(), seconds);
            return phase;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void post(CoapEndpoint endpoint, String uri, long seq) throws Exception {
        CoapClient client = new CoapClient();
        client.setEndpoint(endpoint);
        client.setTimeout(10_000L);
        Request request = Request.newPost();
        request.setURI(uri);
        request.setPayload(("{\"seq\":" + seq + ",\"readings\":{\"battery_pct\":87,\"temperature_c\":24.5}}").getBytes(StandardCharsets.UTF_8));
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        CoapResponse response = client.advanced(request);
        if (response == null) throw new IllegalStateException(URI.create(uri).getPath() + ": no response within 10 s");
        if (response.getCode() != ResponseCode.CHANGED) {
            throw new IllegalStateException(URI.create(uri).getPath() + ": " + response.getCode() + " " + response.getResponseText());
        }
    }

    private static Configuration clientConfig() {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(UdpConfig.UDP_DATAGRAM_SIZE, 16 * 1024);
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        return config;
    }

    private static CoapEndpoint plainEndpoint() {
        CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(clientConfig())
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
        start(endpoint);
        return endpoint;
    }

    /** The device id is the PSK identity; the key bytes are the PSK's hex text, as the hub derives them. */
    private static CoapEndpoint dtlsEndpoint(CoapDevice device) {
        Configuration config = clientConfig();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(device.deviceId(), device.psk().getBytes(StandardCharsets.US_ASCII)))
                .build();
        CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
        start(endpoint);
        return endpoint;
    }

    private static void start(CoapEndpoint endpoint) {
        try {
            endpoint.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("starting a CoAP client endpoint", e);
        }
    }

    /** Registers the bench's CoAP devices once (CSV import answers each device's token and PSK) and keeps them. */
    private List<CoapDevice> ensureFleet(Path file, int wanted, String password) throws Exception {
        CoapFleet fleet = Files.isRegularFile(file) ? JSON.readValue(file.toFile(), CoapFleet.class) : new CoapFleet(List.of());
        if (fleet.devices().size() >= wanted) return fleet.devices().subList(0, wanted);
        HubApi api = new HubApi(url);
        api.login(user, password);
        String prefix = "benchcoap" + Long.toString(System.currentTimeMillis(), 36);
        long venueId = api.createVenue("Bench CoAP venue " + prefix, "1 Bench Road", "factory", "BENCH").path("id").asLong();
        StringBuilder csv = new StringBuilder("deviceId,kind,venueId\n");
        for (int i = 0; i < wanted; i++) csv.append("%s-%03d,smoke,%d%n".formatted(prefix, i, venueId));
        List<CoapDevice> devices = new ArrayList<>();
        for (var created : api.importDevices(csv.toString()).path("devices")) {
            devices.add(new CoapDevice(created.path("deviceId").asText(), created.path("token").asText(), created.path("psk").asText(null)));
        }
        BenchCommand.BenchFleet.writePrivately(file, new CoapFleet(devices));
        return devices;
    }

    private static int usage(String problem) {
        System.err.println("firehub bench coap: " + problem);
        return 2;
    }
}
