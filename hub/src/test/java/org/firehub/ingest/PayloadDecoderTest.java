package org.firehub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.ingest.Bodies.encode;
import static org.firehub.ingest.Bodies.json;
import static org.firehub.ingest.Bodies.map;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadDecoderTest {
    private final PayloadDecoder decoder = new PayloadDecoder();

    private static final Map<String, Object> CONTRACT_EXAMPLE = map(
            "ts", 1763800000123L, "seq", 4711,
            "readings", map("smoke_obscuration_db_m", 0.05, "temperature_c", 24.5, "battery_pct", 87, "rssi_dbm", -71),
            "events", List.of("alarm"));

    @ParameterizedTest
    @EnumSource(ContentFormat.class)
    void contractExampleDecodesToExactlyItsFields(ContentFormat format) {
        DecodedBody body = decoded(encode(CONTRACT_EXAMPLE, format), format);

        assertThat(body.ts()).isEqualTo(OptionalLong.of(1763800000123L));
        assertThat(body.seq()).isEqualTo(OptionalLong.of(4711));
        assertThat(body.readings()).containsExactly(
                Map.entry("smoke_obscuration_db_m", 0.05), Map.entry("temperature_c", 24.5),
                Map.entry("battery_pct", 87.0), Map.entry("rssi_dbm", -71.0));
        assertThat(body.events()).containsExactly("alarm");
    }

    @ParameterizedTest
    @EnumSource(ContentFormat.class)
    void tsAndSeqAreOptionalAndEitherReadingsOrEventsSuffice(ContentFormat format) {
        DecodedBody readingsOnly = decoded(encode(map("readings", map("temperature_c", 21)), format), format);
        assertThat(readingsOnly.ts()).isEmpty();
        assertThat(readingsOnly.seq()).isEmpty();
        assertThat(readingsOnly.readings()).containsExactly(Map.entry("temperature_c", 21.0));
        assertThat(readingsOnly.events()).isEmpty();

        DecodedBody eventsOnly = decoded(encode(map("events", List.of("heartbeat", "low_battery")), format), format);
        assertThat(eventsOnly.readings()).isEmpty();
        assertThat(eventsOnly.events()).containsExactly("heartbeat", "low_battery");
    }

    @Test
    void jsonWithWhitespaceAroundTheObjectAndLargestSeqIsAccepted() {
        DecodedBody body = decoded(json("\n  {\"seq\": 9223372036854775807, \"events\": [\"alarm\"]}  \r\n"), ContentFormat.JSON);
        assertThat(body.seq()).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
    }

    @Test
    void aBodyOfExactly4KiBIsDecodedAndOneByteMoreIsTooLarge() {
        String prefix = "{\"readings\":{\"";
        String suffix = "\":1}}";
        String name = "x".repeat(4096 - prefix.length() - suffix.length());
        Buffer exactly4k = json(prefix + name + suffix);
        assertThat(exactly4k.length()).isEqualTo(4096);
        assertThat(decoded(exactly4k, ContentFormat.JSON).readings()).containsKey(name);

        Buffer oneMore = json(prefix + name + "y" + suffix);
        assertThat(decoder.decode(oneMore, ContentFormat.JSON)).isEqualTo(
                Verdict.refused(RejectReason.TOO_LARGE, "body is 4097 bytes, limit is 4096"));
    }

    static Stream<Arguments> badBodies() {
        byte[] goodCbor = encode(CONTRACT_EXAMPLE, ContentFormat.CBOR).getBytes();
        return Stream.of(
                // too_large
                bad("5 KiB of events", encode(map("events", java.util.Collections.nCopies(500, "heartbeat")), ContentFormat.JSON),
                        ContentFormat.JSON, RejectReason.TOO_LARGE, "limit is 4096"),
                bad("5 KiB of events", encode(map("events", java.util.Collections.nCopies(500, "heartbeat")), ContentFormat.CBOR),
                        ContentFormat.CBOR, RejectReason.TOO_LARGE, "limit is 4096"),
                // malformed
                bad("empty body", Buffer.buffer(), ContentFormat.JSON, RejectReason.MALFORMED, "body is empty"),
                bad("empty body", Buffer.buffer(), ContentFormat.CBOR, RejectReason.MALFORMED, "body is empty"),
                bad("cut off", json("{\"readings\":{\"temperature_c\":24.5}"), ContentFormat.JSON, RejectReason.MALFORMED, "not valid JSON"),
                bad("cut off", Buffer.buffer(java.util.Arrays.copyOf(goodCbor, goodCbor.length - 3)), ContentFormat.CBOR,
                        RejectReason.MALFORMED, "not valid CBOR"),
                bad("NaN token", json("{\"readings\":{\"temperature_c\":NaN}}"), ContentFormat.JSON, RejectReason.MALFORMED, "not valid JSON"),
                bad("Infinity token", json("{\"readings\":{\"temperature_c\":-Infinity}}"), ContentFormat.JSON, RejectReason.MALFORMED, "not valid JSON"),
                bad("single quotes", json("{'events':['alarm']}"), ContentFormat.JSON, RejectReason.MALFORMED, "not valid JSON"),
                bad("comment", json("{\"events\":[\"alarm\"] /* hi */}"), ContentFormat.JSON, RejectReason.MALFORMED, "not valid JSON"),
                bad("garbage after the object", json("{\"events\":[\"alarm\"]} x"), ContentFormat.JSON, RejectReason.MALFORMED, "not valid JSON"),
                bad("second object", json("{\"events\":[\"alarm\"]}{\"events\":[\"alarm\"]}"), ContentFormat.JSON,
                        RejectReason.MALFORMED, "data after the object (an object)"),
                bad("second value", json("{\"events\":[\"alarm\"]} 42"), ContentFormat.JSON,
                        RejectReason.MALFORMED, "data after the object (an integer)"),
                bad("byte after the map", Buffer.buffer(goodCbor).appendByte((byte) 0x01), ContentFormat.CBOR,
                        RejectReason.MALFORMED, "data after the object (an integer)"),
                bad("array at the top", json("[{\"events\":[\"alarm\"]}]"), ContentFormat.JSON, RejectReason.MALFORMED, "body is not an object but an array"),
                bad("array at the top", encode(List.of(1, 2), ContentFormat.CBOR), ContentFormat.CBOR, RejectReason.MALFORMED, "body is not an object but an array"),
                bad("a bare number", json("42"), ContentFormat.JSON, RejectReason.MALFORMED, "body is not an object but an integer"),
                bad("CBOR sent as JSON", Buffer.buffer(goodCbor), ContentFormat.JSON, RejectReason.MALFORMED, "not valid JSON"),
                bad("JSON sent as CBOR", encode(CONTRACT_EXAMPLE, ContentFormat.JSON), ContentFormat.CBOR, RejectReason.MALFORMED, "not an object"),
                bad("duplicate reading", json("{\"readings\":{\"temperature_c\":1,\"temperature_c\":2}}"), ContentFormat.JSON,
                        RejectReason.MALFORMED, "Duplicate field 'temperature_c'"),
                bad("duplicate ts", json("{\"ts\":1,\"ts\":2,\"events\":[\"alarm\"]}"), ContentFormat.JSON, RejectReason.MALFORMED, "Duplicate field 'ts'"),
                bad("duplicate reading", cborWithDuplicateReading(), ContentFormat.CBOR, RejectReason.MALFORMED, "Duplicate field 'temperature_c'"),
                bad("invalid UTF-8 in a name", Buffer.buffer(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}),
                        ContentFormat.JSON, RejectReason.MALFORMED, "not valid JSON"),
                // wrong_type
                bad("boolean reading", json("{\"readings\":{\"valve_closed\":true}}"), ContentFormat.JSON,
                        RejectReason.WRONG_TYPE, "reading 'valve_closed' must be a number, not a boolean"),
                bad("boolean reading", encode(map("readings", map("valve_closed", false)), ContentFormat.CBOR), ContentFormat.CBOR,
                        RejectReason.WRONG_TYPE, "reading 'valve_closed' must be a number, not a boolean"),
                bad("string reading", json("{\"readings\":{\"temperature_c\":\"24.5\"}}"), ContentFormat.JSON,
                        RejectReason.WRONG_TYPE, "reading 'temperature_c' must be a number, not a string"),
                bad("null reading", encode(map("readings", map("temperature_c", null)), ContentFormat.CBOR), ContentFormat.CBOR,
                        RejectReason.WRONG_TYPE, "reading 'temperature_c' must be a number, not null"),
                bad("binary reading", encode(map("readings", map("temperature_c", new byte[] {1, 2})), ContentFormat.CBOR), ContentFormat.CBOR,
                        RejectReason.WRONG_TYPE, "must be a number, not binary data"),
                bad("readings as a list", json("{\"readings\":[24.5]}"), ContentFormat.JSON,
                        RejectReason.WRONG_TYPE, "'readings' must be an object, not an array"),
                bad("events as a string", encode(map("events", "alarm"), ContentFormat.CBOR), ContentFormat.CBOR,
                        RejectReason.WRONG_TYPE, "'events' must be an array, not a string"),
                bad("event as a number", json("{\"events\":[\"alarm\",7]}"), ContentFormat.JSON,
                        RejectReason.WRONG_TYPE, "event #1 must be a string, not an integer"),
                bad("decimal ts", json("{\"ts\":1763800000123.5,\"events\":[\"alarm\"]}"), ContentFormat.JSON,
                        RejectReason.WRONG_TYPE, "'ts' must be an integer, not a decimal number"),
                bad("string ts", encode(map("ts", "2025-11-22T08:26:40Z", "events", List.of("alarm")), ContentFormat.CBOR), ContentFormat.CBOR,
                        RejectReason.WRONG_TYPE, "'ts' must be an integer, not a string"),
                bad("negative seq", json("{\"seq\":-1,\"events\":[\"alarm\"]}"), ContentFormat.JSON,
                        RejectReason.WRONG_TYPE, "'seq' must not be negative: -1"),
                bad("negative seq", encode(map("seq", -5, "events", List.of("alarm")), ContentFormat.CBOR), ContentFormat.CBOR,
                        RejectReason.WRONG_TYPE, "'seq' must not be negative: -5"),
                bad("seq beyond 2^63-1", json("{\"seq\":9223372036854775808,\"events\":[\"alarm\"]}"), ContentFormat.JSON,
                        RejectReason.WRONG_TYPE, "'seq' is out of the 64-bit range"),
                bad("seq beyond 2^63-1", encode(map("seq", BigInteger.TWO.pow(64).subtract(BigInteger.ONE), "events", List.of("alarm")), ContentFormat.CBOR),
                        ContentFormat.CBOR, RejectReason.WRONG_TYPE, "'seq' is out of the 64-bit range"),
                // not_finite
                bad("NaN reading", encode(map("readings", map("temperature_c", Double.NaN)), ContentFormat.CBOR), ContentFormat.CBOR,
                        RejectReason.NOT_FINITE, "reading 'temperature_c' is NaN"),
                bad("infinite reading", encode(map("readings", map("temperature_c", Double.POSITIVE_INFINITY)), ContentFormat.CBOR), ContentFormat.CBOR,
                        RejectReason.NOT_FINITE, "reading 'temperature_c' is infinite"),
                bad("-infinite float32 reading", encode(map("readings", map("current_a", Float.NEGATIVE_INFINITY)), ContentFormat.CBOR), ContentFormat.CBOR,
                        RejectReason.NOT_FINITE, "reading 'current_a' is infinite"),
                bad("overflowing decimal", json("{\"readings\":{\"temperature_c\":1e999}}"), ContentFormat.JSON,
                        RejectReason.NOT_FINITE, "reading 'temperature_c' is infinite"),
                // unknown_field
                bad("misspelt field", json("{\"reading\":{\"temperature_c\":1}}"), ContentFormat.JSON, RejectReason.UNKNOWN_FIELD, "unknown field 'reading'"),
                bad("extra field", encode(map("events", List.of("alarm"), "fw", "1.2.3"), ContentFormat.CBOR), ContentFormat.CBOR,
                        RejectReason.UNKNOWN_FIELD, "unknown field 'fw'"),
                // empty
                bad("empty object", json("{}"), ContentFormat.JSON, RejectReason.EMPTY, "no readings and no events"),
                bad("empty collections", encode(map("ts", 1763800000123L, "seq", 3, "readings", map(), "events", List.of()), ContentFormat.CBOR),
                        ContentFormat.CBOR, RejectReason.EMPTY, "no readings and no events"));
    }

    @ParameterizedTest(name = "{2} {0}: {3}")
    @MethodSource("badBodies")
    void badBodyIsRejectedWithItsReasonAndANamedCause(String what, Buffer body, ContentFormat format, RejectReason reason, String detail) {
        Verdict<DecodedBody> verdict = decoder.decode(body, format);

        assertThat(verdict).as(what).isInstanceOf(Verdict.Refused.class);
        IngestResult.Rejected rejection = ((Verdict.Refused<DecodedBody>) verdict).rejection();
        assertThat(rejection.reason()).as(what + ": " + rejection.detail()).isEqualTo(reason);
        assertThat(rejection.detail()).contains(detail).hasSizeLessThan(200);
    }

    @ParameterizedTest
    @EnumSource(ContentFormat.class)
    void detailNeverEchoesALongOrHostileNameInFull(ContentFormat format) {
        String hostile = "evil\n2026-01-01 ERROR forged log line " + "A".repeat(3000);
        Verdict<DecodedBody> verdict = decoder.decode(encode(map(hostile, 1), format), format);

        IngestResult.Rejected rejection = ((Verdict.Refused<DecodedBody>) verdict).rejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.UNKNOWN_FIELD);
        assertThat(rejection.detail()).startsWith("unknown field 'evil?2026-01-01 ERROR forged log line AAAA")
                .doesNotContain("\n").hasSizeLessThan(100);
    }

    private static Arguments bad(String what, Buffer body, ContentFormat format, RejectReason reason, String detail) {
        return Arguments.of(what, body, format, reason, detail);
    }

    /** Jackson's mappers cannot write a duplicate key, so write the CBOR tokens directly. */
    private static Buffer cborWithDuplicateReading() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = new CBORFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeFieldName("readings");
            generator.writeStartObject();
            generator.writeNumberField("temperature_c", 20.5);
            generator.writeNumberField("temperature_c", 99.0);
            generator.writeEndObject();
            generator.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }

    private DecodedBody decoded(Buffer body, ContentFormat format) {
        Verdict<DecodedBody> verdict = decoder.decode(body, format);
        assertThat(verdict).isInstanceOf(Verdict.Ok.class);
        return ((Verdict.Ok<DecodedBody>) verdict).value();
    }
}
