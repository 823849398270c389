package org.firehub.ingest.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.scandium.DTLSConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Figures, not assertions of speed: DTLS PSK handshakes per second (a full handshake for every
 * request: the client forgets its session each time) and CoAP request throughput and latency
 * with a few concurrent clients. The sink completes at once (no fsync): this measures the CoAP
 * path, not the spool. Run with {@code -Dfirehub.bench=true -Dtest=CoapBenchmarkTest}.
 */
@EnabledIfSystemProperty(named = "firehub.bench", matches = "true")
class CoapBenchmarkTest {
    static final int CLIENTS = 4;
    static CoapTestHub hub;
    static final List<String> tokens = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        hub = new CoapTestHub("coap_bench");
        for (int i = 0; i < CLIENTS; i++) tokens.add(hub.registerDevice("bench-" + i));
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
    }

    @Test
    void dtlsHandshakesPerSecond() throws Exception {
        int perClient = Integer.getInteger("firehub.bench.handshakes", 100);
        Histogram latency = new Histogram(60_000_000_000L, 3);
        long elapsed = run(CLIENTS, c -> {
            String id = "bench-" + c;
            CoapEndpoint endpoint = (CoapEndpoint) CoapClients.dtlsEndpoint(id, hub.pskOf(id));
            CoapClient client = CoapClients.client(endpoint, 10_000);
            try {
                for (int i = 0; i < perClient + 5; i++) {
                    ((DTLSConnector) endpoint.getConnector()).clearConnectionState(); // next request: full handshake
                    long start = System.nanoTime();
                    CoapResponse response = client.advanced(post(hub.secureUri("/telemetry/" + id), c * 1_000_000 + i));
                    if (i >= 5) latency.recordValue(System.nanoTime() - start); // after a short warm-up
                    assertThat(response).isNotNull();
                    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
                }
            } finally {
                client.shutdown();
                endpoint.destroy();
            }
            return null;
        });
        report("DTLS handshake + 1 request", CLIENTS * (perClient + 5), elapsed, latency);
    }

    @Test
    void plainRequestThroughputAndLatency() throws Exception {
        int perClient = Integer.getInteger("firehub.bench.requests", 5000);
        Histogram latency = new Histogram(60_000_000_000L, 3);
        long elapsed = run(CLIENTS, c -> {
            String id = "bench-" + c;
            Endpoint endpoint = CoapClients.plainEndpoint();
            CoapClient client = CoapClients.client(endpoint, 10_000);
            try {
                for (int i = 0; i < perClient; i++) {
                    long start = System.nanoTime();
                    CoapResponse response = client.advanced(post(hub.plainUri("/telemetry/" + id + "?token=" + tokens.get(c)),
                            10_000_000 + c * 1_000_000 + i));
                    synchronized (latency) {
                        latency.recordValue(System.nanoTime() - start);
                    }
                    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
                }
            } finally {
                client.shutdown();
                endpoint.destroy();
            }
            return null;
        });
        report("plain CoAP CON request (" + CLIENTS + " clients, 1 outstanding each)", CLIENTS * perClient, elapsed, latency);
    }

    @Test
    void dtlsRequestThroughputAndLatency() throws Exception {
        int perClient = Integer.getInteger("firehub.bench.requests", 5000);
        Histogram latency = new Histogram(60_000_000_000L, 3);
        long elapsed = run(CLIENTS, c -> {
            String id = "bench-" + c;
            Endpoint endpoint = CoapClients.dtlsEndpoint(id, hub.pskOf(id));
            CoapClient client = CoapClients.client(endpoint, 10_000);
            try {
                for (int i = 0; i < perClient; i++) {
                    long start = System.nanoTime();
                    CoapResponse response = client.advanced(post(hub.secureUri("/telemetry/" + id), 20_000_000 + c * 1_000_000 + i));
                    synchronized (latency) {
                        latency.recordValue(System.nanoTime() - start);
                    }
                    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
                }
            } finally {
                client.shutdown();
                endpoint.destroy();
            }
            return null;
        });
        report("DTLS CoAP CON request, session kept (" + CLIENTS + " clients)", CLIENTS * perClient, elapsed, latency);
    }

    interface PerClient {
        Void run(int client) throws Exception;
    }

    static long run(int clients, PerClient body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<Void>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit((Callable<Void>) () -> body.run(client)));
            }
            for (Future<Void> f : futures) f.get();
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    static Request post(String uri, long seq) {
        Request request = Request.newPost();
        request.setURI(uri);
        request.setPayload(("{\"seq\":" + seq + ",\"readings\":{\"battery_pct\":87,\"temperature_c\":24.5}}")
                .getBytes(StandardCharsets.UTF_8));
        request.getOptions().setContentFormat(50);
        return request;
    }

    static void report(String what, int count, long elapsedNanos, Histogram latency) {
        double seconds = elapsedNanos / 1e9;
        System.out.printf("BENCH %s: %d in %.2f s = %.0f/s; latency ms p50 %.2f p99 %.2f max %.2f%n", what, count, seconds,
                count / seconds, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6);
    }
}
