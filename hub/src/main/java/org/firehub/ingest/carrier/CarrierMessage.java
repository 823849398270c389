package org.firehub.ingest.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One device message out of a platform push, before mapping: the platform's ids (template
 * placeholders {@code imei}, {@code deviceId}, {@code productId}), the platform's timestamp, what
 * kind of message it is, and the vendor fields.
 */
public record CarrierMessage(Map<String, String> ids, OptionalLong ts, Type type, Map<String, JsonNode> fields) {
    public enum Type {
        /** Property/data-point report: mapped fields become readings (and events for status codes). */
        DATA,
        /** Device event report: mapped fields become events (and readings). */
        EVENT,
        ONLINE,
        OFFLINE
    }

    public CarrierMessage {
        ids = Map.copyOf(ids);
        fields = Map.copyOf(fields);
    }

    public String productId() {
        return ids.get("productId");
    }
}
