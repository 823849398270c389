package org.firehub.ingest;

import io.vertx.core.buffer.Buffer;

/** Body encodings of the wire contract: JSON (CoAP 50) or CBOR (CoAP 60). */
public enum ContentFormat {
    JSON, CBOR;

    /**
     * Tells JSON from CBOR by the first byte, for transports that carry no content type
     * (MQTT 3.1.1): a JSON object starts with '{' (after white space); a CBOR map with a
     * major-type-5 byte (0xA0..0xBF), which is never valid JSON.
     */
    public static ContentFormat sniff(Buffer body) {
        for (int i = 0; i < body.length(); i++) {
            byte b = body.getByte(i);
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
            return (b & 0xE0) == 0xA0 ? CBOR : JSON;
        }
        return JSON;
    }
}
