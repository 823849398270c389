package org.firehub.ingest.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parses a CTWing / AEP "HTTP 订阅推送" message. Based on CTWing's subscription push
 * documentation (https://www.ctwing.cn/dyts/103, message types of the 物模型 push) and public
 * receivers of it: every push is one JSON object with {@code messageType}, {@code deviceId},
 * {@code productId}, {@code timestamp} (ms), often {@code IMEI}, and
 * <ul>
 *   <li>{@code dataReport}: {@code payload} = the service's properties (flat, or under
 *       {@code serviceData}), plus {@code serviceId};</li>
 *   <li>{@code eventReport}: {@code payload} = the event's parameters, plus {@code eventType};</li>
 *   <li>{@code deviceOnlineOfflineReport}: {@code eventType} 1 = online, 0 = offline.</li>
 * </ul>
 * Other message types (command responses, device add/delete) are not ingest: {@code null}.
 * The push itself carries no signature; see {@link CarrierRoutes} for how it is authenticated.
 */
final class CtwingPush {
    private CtwingPush() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<CarrierMessage> parse(byte[] body) throws MalformedPush {
        try {
            return parse(body.length == 0 ? null : JSON.readTree(body));
        } catch (IOException e) {
            throw new MalformedPush("not JSON: " + e.getMessage());
        }
    }

    static List<CarrierMessage> parse(JsonNode push) throws MalformedPush {
        if (push == null || !push.isObject()) throw new MalformedPush("push is not a JSON object");
        String messageType = push.path("messageType").asText("");
        Map<String, String> ids = new HashMap<>();
        putIfText(ids, "deviceId", push.get("deviceId"));
        putIfText(ids, "productId", push.get("productId"));
        putIfText(ids, "imei", push.has("IMEI") ? push.get("IMEI") : push.get("imei"));
        OptionalLong ts = push.path("timestamp").canConvertToLong() && push.path("timestamp").isIntegralNumber()
                ? OptionalLong.of(push.get("timestamp").longValue()) : OptionalLong.empty();
        return switch (messageType) {
            case "dataReport" -> List.of(new CarrierMessage(ids, ts, CarrierMessage.Type.DATA, fields(push)));
            case "eventReport" -> List.of(new CarrierMessage(ids, ts, CarrierMessage.Type.EVENT, fields(push)));
            case "deviceOnlineOfflineReport" -> List.of(new CarrierMessage(ids, ts,
                    push.path("eventType").asInt(-1) == 1 ? CarrierMessage.Type.ONLINE : CarrierMessage.Type.OFFLINE, Map.of()));
            case "" -> throw new MalformedPush("push has no messageType");
            default -> List.of();
        };
    }

    private static Map<String, JsonNode> fields(JsonNode push) throws MalformedPush {
        JsonNode payload = push.get("payload");
        if (payload == null || !payload.isObject()) throw new MalformedPush("payload is not an object");
        if (payload.path("serviceData").isObject()) payload = payload.get("serviceData");
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        payload.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    private static void putIfText(Map<String, String> ids, String key, JsonNode value) {
        if (value != null && value.isValueNode() && !value.isNull()) ids.put(key, value.asText());
    }
}
