package org.firehub.ingest.coap;

import org.firehub.testing.TestSink;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.firehub.ingest.RejectReason;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plain CoAP listener with Californium's own client: the wire contract as a device sees it. */
class CoapIngestTest {
    static final String READING = "{\"seq\":%d,\"readings\":{\"battery_pct\":87,\"temperature_c\":24.5}}";

    static CoapTestHub hub;
    static String token;
    static Endpoint endpoint;
    static CoapClient client;

    @BeforeAll
    static void start() throws Exception {
        hub = new CoapTestHub("coap_plain");
        token = hub.registerDevice("smoke-1");
        endpoint = CoapClients.plainEndpoint();
        client = CoapClients.client(endpoint, 10_000);
    }

    @AfterAll
    static void stop() {
        if (client != null) client.shutdown();
        if (endpoint != null) endpoint.destroy();
        if (hub != null) hub.close();
    }

    @BeforeEach
    void reset() {
        hub.sink.reset();
    }

    static Request post(String path, byte[] body, int contentFormat) {
        Request request = Request.newPost();
        request.setURI(hub.plainUri(path));
        request.setPayload(body);
        if (contentFormat >= 0) request.getOptions().setContentFormat(contentFormat);
        return request;
    }

    static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static CoapResponse send(Request request) throws Exception {
        CoapResponse response = client.advanced(request);
        assertThat(response).as("a response to " + request.getURI()).isNotNull();
        return response;
    }

    @Test
    void jsonTelemetryIsStoredAndAnsweredChanged() throws Exception {
        CoapResponse response = send(post("/telemetry/smoke-1?token=" + token, json(READING.formatted(1)),
                MediaTypeRegistry.APPLICATION_JSON));

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(hub.sink.stored()).hasSize(1);
        assertThat(hub.sink.stored().get(0).readings()).containsEntry("battery_pct", 87.0);
        assertThat(hub.sink.stored().get(0).device().grid()).isEqualTo("grid-5");
        assertThat(hub.connectedDevices()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void cborEventIsStoredAndAnsweredChanged() throws Exception {
        byte[] cbor = new CBORMapper().writeValueAsBytes(Map.of("seq", 2, "events", java.util.List.of("alarm")));

        CoapResponse response = send(post("/events/smoke-1?token=" + token, cbor, MediaTypeRegistry.APPLICATION_CBOR));

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(hub.sink.stored()).singleElement().satisfies(m -> assertThat(m.events()).containsExactly("alarm"));
    }

    @Test
    void aBodyWithoutContentFormatIsSniffed() throws Exception {
        byte[] cbor = new CBORMapper().writeValueAsBytes(Map.of("readings", Map.of("battery_pct", 50)));

        assertThat(send(post("/telemetry/smoke-1?token=" + token, cbor, -1)).getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(send(post("/telemetry/smoke-1?token=" + token, json("{\"readings\":{\"battery_pct\":51}}"), -1))
                .getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(hub.sink.stored()).hasSize(2);
    }

    @Test
    void aWrongOrMissingTokenIsUnauthorizedAndCounted() throws Exception {
        double before = hub.rejected(RejectReason.UNAUTHORIZED);

        CoapResponse wrong = send(post("/telemetry/smoke-1?token=nope", json(READING.formatted(3)), 50));
        CoapResponse missing = send(post("/telemetry/smoke-1", json(READING.formatted(4)), 50));
        CoapResponse unknown = send(post("/telemetry/ghost-9?token=" + token, json(READING.formatted(5)), 50));

        assertThat(wrong.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
        assertThat(missing.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
        assertThat(missing.getResponseText()).contains("token");
        assertThat(unknown.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
        assertThat(hub.rejected(RejectReason.UNAUTHORIZED) - before).isEqualTo(3);
        assertThat(hub.sink.stored()).isEmpty();
    }

    @Test
    void aBodyOverFourKibIsTooLargeAndCounted() throws Exception {
        double before = hub.rejected(RejectReason.TOO_LARGE);
        int callsBefore = hub.ingestCalls.get();
        byte[] big = json("{\"readings\":{\"battery_pct\":1},\"pad\":\"" + "x".repeat(5000) + "\"}");

        CoapResponse response = send(post("/telemetry/smoke-1?token=" + token, big, 50));

        assertThat(response.getCode()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
        assertThat(hub.rejected(RejectReason.TOO_LARGE) - before).isEqualTo(1);
        assertThat(hub.ingestCalls.get()).as("bodies handed to the ingestor").isEqualTo(callsBefore);
        assertThat(hub.sink.stored()).isEmpty();
    }

    @Test
    void aBadBodyIsBadRequestNamingTheReason() throws Exception {
        CoapResponse garbage = send(post("/telemetry/smoke-1?token=" + token, json("{not json"), 50));
        CoapResponse unknownReading = send(post("/telemetry/smoke-1?token=" + token,
                json("{\"readings\":{\"flux_capacitance\":1}}"), 50));

        assertThat(garbage.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(garbage.getResponseText()).startsWith("malformed");
        assertThat(unknownReading.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(unknownReading.getResponseText()).startsWith("unknown_reading").contains("flux_capacitance");
        assertThat(hub.sink.stored()).isEmpty();
    }

    @Test
    void otherContentFormatsAndPathsAreRefusedAndCounted() throws Exception {
        double badPathsBefore = hub.rejected(RejectReason.BAD_TOPIC);
        assertThat(send(post("/telemetry/smoke-1?token=" + token, json(READING.formatted(6)), MediaTypeRegistry.TEXT_PLAIN))
                .getCode()).isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        assertThat(send(post("/readings/smoke-1?token=" + token, json(READING.formatted(7)), 50)).getCode())
                .isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(send(post("/telemetry/smoke-1/extra?token=" + token, json(READING.formatted(8)), 50)).getCode())
                .isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(send(post("/telemetry?token=" + token, json(READING.formatted(9)), 50)).getCode())
                .isEqualTo(ResponseCode.NOT_FOUND);
        Request get = Request.newGet();
        get.setURI(hub.plainUri("/telemetry/smoke-1?token=" + token));
        assertThat(send(get).getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        assertThat(hub.rejected(RejectReason.BAD_TOPIC) - badPathsBefore).isEqualTo(3);
        assertThat(hub.sink.stored()).isEmpty();
    }

    @Test
    void aFullSpoolIsServiceUnavailableWithMaxAge() throws Exception {
        hub.sink.mode(TestSink.Mode.FULL);
        hub.sink.retryAfterMillis(2_500);

        CoapResponse response = send(post("/telemetry/smoke-1?token=" + token, json(READING.formatted(10)), 50));

        assertThat(response.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(response.getOptions().getMaxAge()).isEqualTo(3L);
        hub.sink.mode(TestSink.Mode.STORE);
        // Nothing was stored, so the same seq is accepted on the device's retry.
        assertThat(send(post("/telemetry/smoke-1?token=" + token, json(READING.formatted(10)), 50)).getCode())
                .isEqualTo(ResponseCode.CHANGED);
    }

    @Test
    void changedIsNotSentBeforeTheSpoolHasTheMessage() throws Exception {
        hub.sink.mode(TestSink.Mode.HOLD);
        AtomicReference<CoapResponse> answer = new AtomicReference<>();
        client.advanced(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                answer.set(response);
            }

            @Override
            public void onError() {}
        }, post("/telemetry/smoke-1?token=" + token, json(READING.formatted(11)), 50));

        Await.until("the append reached the sink", Duration.ofSeconds(10), () -> hub.sink.held().size() == 1);
        // Longer than acceptAfter: the empty ACK goes out, the 2.04 must not.
        Await.staysFalse("a response while the append is pending", Duration.ofMillis(1_200), () -> answer.get() != null);
        assertThat(hub.sink.stored()).isEmpty();

        hub.sink.releaseHeld();

        CoapResponse response = Await.value("the response", Duration.ofSeconds(10), answer::get, r -> r != null);
        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(hub.sink.stored()).hasSize(1);
    }

    @Test
    void aRetransmittedConfirmableRequestIsStoredOnce() throws Exception {
        hub.sink.mode(TestSink.Mode.HOLD);
        int callsBefore = hub.ingestCalls.get();
        Request request = post("/events/smoke-1?token=" + token, json("{\"events\":[\"alarm\"]}"), 50); // no seq
        request.setType(CoAP.Type.CON);
        request.setMID(4242);
        request.setToken(Token.fromProvider(new byte[] {1, 2, 3, 4}));
        request.setDestinationContext(new AddressEndpointContext(new InetSocketAddress("127.0.0.1", hub.server.port())));
        RawData raw = new UdpDataSerializer().serializeRequest(request);

        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(10_000);
            DatagramPacket datagram = new DatagramPacket(raw.getBytes(), raw.getSize(),
                    new InetSocketAddress("127.0.0.1", hub.server.port()));
            socket.send(datagram);
            Await.until("the append reached the sink", Duration.ofSeconds(10), () -> hub.sink.held().size() == 1);
            socket.send(datagram); // the device's retransmission: same MID
            socket.send(datagram);
            hub.sink.releaseHeld();
            Await.until("the message is stored", Duration.ofSeconds(10), () -> hub.sink.stored().size() == 1);
            socket.send(datagram); // and one after the answer

            boolean changed = false;
            for (int i = 0; i < 4 && !changed; i++) {
                Response response = receive(socket);
                changed = response.getCode() == ResponseCode.CHANGED;
            }
            assertThat(changed).as("a 2.04 reached the device").isTrue();
        }
        assertThat(hub.ingestCalls.get() - callsBefore).isEqualTo(1);
        assertThat(hub.sink.stored()).singleElement().satisfies(m -> assertThat(m.events()).containsExactly("alarm"));
    }

    private static Response receive(DatagramSocket socket) throws Exception {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        byte[] bytes = java.util.Arrays.copyOf(buffer, packet.getLength());
        var message = new UdpDataParser().parseMessage(RawData.inbound(bytes,
                new AddressEndpointContext((InetSocketAddress) packet.getSocketAddress()), false, System.nanoTime(),
                (InetSocketAddress) socket.getLocalSocketAddress()));
        return message instanceof Response response ? response : new Response(ResponseCode._UNKNOWN_SUCCESS_CODE);
    }
}
