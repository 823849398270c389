package org.firehub.ingest.carrier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A OneNET HTTP push (plain mode), per its developer manual
 * (https://open.iot.10086.cn/doc/book/application-develop/httppush/develop-manual.html):
 * body {@code {"msg": …, "msg_signature": "…", "nonce": "…"}} where {@code msg} is one message
 * object or, with batching on, an array of them. Message fields: {@code type} (1 data point,
 * 2 online/offline, 7 command result), {@code dev_id}, {@code ds_id}, {@code at} (ms),
 * {@code value}, {@code status} (0 offline, 1 online), {@code imei} for NB-IoT devices.
 *
 * <p>The signature covers the text of {@code msg} as sent. It is checked against the exact
 * bytes of the {@code msg} value in the body, and against Jackson's compact form of it (the
 * form OneNET's own samples re-serialize), so a platform that sends either is accepted.
 * Encrypted mode ({@code enc_msg}) is not supported: such pushes are refused as malformed.
 */
final class OneNetPush {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode msg;
    private final String rawMsg;
    private final String nonce;
    private final String signature;

    private OneNetPush(JsonNode msg, String rawMsg, String nonce, String signature) {
        this.msg = msg;
        this.rawMsg = rawMsg;
        this.nonce = nonce;
        this.signature = signature;
    }

    static OneNetPush parse(byte[] body) throws MalformedPush {
        String rawMsg = null;
        JsonNode msg = null;
        String nonce = null;
        String signature = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw new MalformedPush("push is not a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "msg" -> {
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        msg = JSON.readTree(parser);
                        int end = (int) parser.currentLocation().getByteOffset();
                        if (value == JsonToken.VALUE_STRING) {
                            rawMsg = msg.textValue(); // some firmware double-encodes msg as a string
                            msg = JSON.readTree(rawMsg);
                        } else {
                            rawMsg = new String(body, start, end - start, StandardCharsets.UTF_8);
                        }
                    }
                    case "nonce" -> nonce = parser.getValueAsString();
                    case "msg_signature" -> signature = parser.getValueAsString();
                    case "enc_msg" -> throw new MalformedPush("encrypted OneNET pushes (enc_msg) are not supported");
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new MalformedPush("not JSON: " + e.getMessage());
        }
        if (msg == null || nonce == null || signature == null) {
            throw new MalformedPush("push needs msg, nonce and msg_signature");
        }
        return new OneNetPush(msg, rawMsg, nonce, signature);
    }

    boolean signedWith(String token) {
        if (OneNetSignature.matches(token, nonce, rawMsg, signature)) return true;
        try {
            return OneNetSignature.matches(token, nonce, JSON.writeValueAsString(msg), signature);
        } catch (IOException e) {
            return false;
        }
    }

    List<CarrierMessage> messages() throws MalformedPush {
        List<CarrierMessage> out = new ArrayList<>();
        if (msg.isArray()) {
            for (JsonNode one : msg) message(one, out);
        } else {
            message(msg, out);
        }
        return out;
    }

    private static void message(JsonNode m, List<CarrierMessage> out) throws MalformedPush {
        if (!m.isObject()) throw new MalformedPush("msg is not an object");
        Map<String, String> ids = new HashMap<>();
        if (m.path("dev_id").isValueNode()) ids.put("deviceId", m.get("dev_id").asText());
        if (m.path("imei").isValueNode()) ids.put("imei", m.get("imei").asText());
        if (m.path("pid").isValueNode()) ids.put("productId", m.get("pid").asText());
        OptionalLong ts = m.path("at").isIntegralNumber() ? OptionalLong.of(m.get("at").longValue()) : OptionalLong.empty();
        switch (m.path("type").asInt(-1)) {
            case 1 -> {
                String stream = m.path("ds_id").asText("");
                if (stream.isEmpty()) throw new MalformedPush("data point without ds_id");
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                JsonNode value = m.get("value");
                if (value != null && value.isObject()) {
                    value.properties().forEach(e -> fields.put(e.getKey(), e.getValue())); // an object-valued stream
                } else {
                    fields.put(stream, value == null ? NullNode.getInstance() : value);
                }
                out.add(new CarrierMessage(ids, ts, CarrierMessage.Type.DATA, fields));
            }
            case 2 -> out.add(new CarrierMessage(ids, ts,
                    m.path("status").asInt(0) == 1 ? CarrierMessage.Type.ONLINE : CarrierMessage.Type.OFFLINE, Map.of()));
            default -> { } // 7: command results, nothing to ingest
        }
    }
}
