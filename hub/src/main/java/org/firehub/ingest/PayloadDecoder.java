package org.firehub.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Decodes a device body (JSON or CBOR) into a {@link DecodedBody}, or says exactly why not.
 *
 * <p>It walks Jackson's streaming parser token by token instead of binding to a tree: that is
 * cheap enough for an event loop, and strict: every token the contract does not allow is a
 * refusal with a reason, never a silent coercion (no booleans as numbers, no strings as
 * numbers, no duplicate keys, nothing after the object). Thread-safe and stateless apart from
 * the Jackson factories, which are thread-safe.
 */
public final class PayloadDecoder {
    /** The contract's body limit: 4 KiB. */
    public static final int MAX_BODY_BYTES = 4096;

    private final JsonFactory json = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private final CBORFactory cbor = CBORFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    public Verdict<DecodedBody> decode(Buffer body, ContentFormat format) {
        if (body.length() > MAX_BODY_BYTES) {
            return Verdict.refused(RejectReason.TOO_LARGE,
                    "body is " + body.length() + " bytes, limit is " + MAX_BODY_BYTES);
        }
        if (body.length() == 0) return Verdict.refused(RejectReason.MALFORMED, "body is empty");
        byte[] bytes = body.getBytes();
        JsonFactory factory = format == ContentFormat.CBOR ? cbor : json;
        try (JsonParser parser = factory.createParser(bytes)) {
            return Verdict.ok(new Walk(parser).body());
        } catch (Refusal refusal) {
            return Verdict.refused(refusal.reason, refusal.detail);
        } catch (JsonProcessingException e) {
            return Verdict.refused(RejectReason.MALFORMED, "not valid " + format.name() + ": "
                    + DetailText.bounded(e.getOriginalMessage(), 120) + " at byte " + offset(e));
        } catch (IOException e) {
            // Parsing a byte array does no I/O; this is a decoding problem under another name.
            return Verdict.refused(RejectReason.MALFORMED, "not valid " + format.name() + ": "
                    + DetailText.bounded(e.getMessage(), 120));
        }
    }

    private static long offset(JsonProcessingException e) {
        return e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
    }

    /** One pass over one body; holds the fields seen so far. */
    private static final class Walk {
        private final JsonParser parser;
        private OptionalLong ts = OptionalLong.empty();
        private OptionalLong seq = OptionalLong.empty();
        private final Map<String, Double> readings = new LinkedHashMap<>();
        private final List<String> events = new ArrayList<>();

        Walk(JsonParser parser) {
            this.parser = parser;
        }

        DecodedBody body() throws IOException, Refusal {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new Refusal(RejectReason.MALFORMED, "body is not an object but " + describe(first));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "ts" -> ts = OptionalLong.of(integer("ts", value));
                    case "seq" -> seq = OptionalLong.of(unsigned(value));
                    case "readings" -> readings(value);
                    case "events" -> events(value);
                    default -> throw new Refusal(RejectReason.UNKNOWN_FIELD, "unknown field " + DetailText.quote(field));
                }
            }
            // The loop ends on END_OBJECT (anything else was already a parse error).
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new Refusal(RejectReason.MALFORMED, "data after the object (" + describe(trailing) + ")");
            }
            if (readings.isEmpty() && events.isEmpty()) {
                throw new Refusal(RejectReason.EMPTY, "no readings and no events");
            }
            return new DecodedBody(ts, seq, readings, events);
        }

        private long integer(String field, JsonToken value) throws IOException, Refusal {
            if (value != JsonToken.VALUE_NUMBER_INT) {
                throw new Refusal(RejectReason.WRONG_TYPE, "'" + field + "' must be an integer, not " + describe(value));
            }
            JsonParser.NumberType type = parser.getNumberType();
            if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                throw new Refusal(RejectReason.WRONG_TYPE, "'" + field + "' is out of the 64-bit range");
            }
            return parser.getLongValue();
        }

        private long unsigned(JsonToken value) throws IOException, Refusal {
            long seqValue = integer("seq", value);
            if (seqValue < 0) throw new Refusal(RejectReason.WRONG_TYPE, "'seq' must not be negative: " + seqValue);
            return seqValue;
        }

        private void readings(JsonToken value) throws IOException, Refusal {
            if (value != JsonToken.START_OBJECT) {
                throw new Refusal(RejectReason.WRONG_TYPE, "'readings' must be an object, not " + describe(value));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new Refusal(RejectReason.WRONG_TYPE,
                            "reading " + DetailText.quote(name) + " must be a number, not " + describe(token));
                }
                // Big integers and big decimals (CBOR tags 2-4) end up here too: their double is
                // either a finite approximation or an infinity, which is refused just below.
                double reading = parser.getDoubleValue();
                if (!Double.isFinite(reading)) {
                    throw new Refusal(RejectReason.NOT_FINITE,
                            "reading " + DetailText.quote(name) + " is " + (Double.isNaN(reading) ? "NaN" : "infinite"));
                }
                readings.put(name, reading);
            }
        }

        private void events(JsonToken value) throws IOException, Refusal {
            if (value != JsonToken.START_ARRAY) {
                throw new Refusal(RejectReason.WRONG_TYPE, "'events' must be an array, not " + describe(value));
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.VALUE_STRING) {
                    throw new Refusal(RejectReason.WRONG_TYPE, "event #" + events.size() + " must be a string, not " + describe(token));
                }
                events.add(parser.getText());
            }
        }

        private static String describe(JsonToken token) {
            if (token == null) return "end of input";
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT -> "an integer";
                case VALUE_NUMBER_FLOAT -> "a decimal number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                case VALUE_EMBEDDED_OBJECT -> "binary data";
                default -> token.name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }

    /** Ends a walk early with the device's reason; cheap because it records no stack. */
    private static final class Refusal extends Exception {
        final RejectReason reason;
        final String detail;

        Refusal(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
            this.detail = detail;
        }
    }
}
