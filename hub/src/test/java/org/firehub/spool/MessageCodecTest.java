package org.firehub.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.DeviceMessage;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    @Test
    void randomMessagesSurviveTheRoundTrip() throws Exception {
        Random random = new Random(20261124);
        for (int i = 0; i < 2000; i++) {
            DeviceMessage message = randomMessage(random);
            DeviceMessage decoded = MessageCodec.decode(ByteBuffer.wrap(MessageCodec.encode(message)));
            assertThat(decoded).isEqualTo(message);
            assertThat(List.copyOf(decoded.readings().keySet())).containsExactlyElementsOf(message.readings().keySet());
        }
    }

    @Test
    void damagedPayloadsAreRejectedWithACheckedError() {
        Random random = new Random(42);
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = MessageCodec.encode(randomMessage(random));
            byte[] damaged = switch (i % 3) {
                case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
                case 1 -> flipSomeBytes(bytes, random);
                default -> randomBytes(random);
            };
            try {
                MessageCodec.decode(ByteBuffer.wrap(damaged));
            } catch (MessageCodec.MalformedMessageException expected) {
                rejected++;
            }
            // any other exception escapes and fails the test
        }
        assertThat(rejected).isGreaterThan(10_000);
    }

    @Test
    void truncatedRecordSaysWhy() {
        byte[] bytes = MessageCodec.encode(randomMessage(new Random(1)));
        assertThatThrownBy(() -> MessageCodec.decode(ByteBuffer.wrap(bytes, 0, bytes.length - 3)))
                .isInstanceOf(MessageCodec.MalformedMessageException.class)
                .hasMessageContaining("ends early");
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] bytes = MessageCodec.encode(randomMessage(new Random(2)));
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> MessageCodec.decode(ByteBuffer.wrap(longer)))
                .isInstanceOf(MessageCodec.MalformedMessageException.class)
                .hasMessageContaining("trailing");
    }

    private static byte[] flipSomeBytes(byte[] bytes, Random random) {
        byte[] copy = bytes.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
        return copy;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        if (bytes.length > 0) bytes[0] = MessageCodec.VERSION;
        return bytes;
    }

    static DeviceMessage randomMessage(Random random) {
        String id = "dev-" + Integer.toHexString(random.nextInt()) + (random.nextBoolean() ? "_x" : "");
        String grid = random.nextInt(5) == 0 ? null : "grid-" + random.nextInt(50) + (random.nextBoolean() ? "-老城" : "");
        Device device = new Device(new DeviceId(id), List.of("smoke", "gas", "electrical", "camera", "water").get(random.nextInt(5)),
                random.nextLong(), grid);
        Map<String, Double> readings = new LinkedHashMap<>();
        for (int r = random.nextInt(8); r > 0; r--) {
            readings.put("reading_" + random.nextInt(100), random.nextBoolean() ? random.nextGaussian() * 1e6 : random.nextInt(200));
        }
        List<String> events = new ArrayList<>();
        for (int e = random.nextInt(4); e > 0; e--) events.add("event_" + random.nextInt(20));
        OptionalLong seq = random.nextBoolean() ? OptionalLong.of(random.nextLong() & Long.MAX_VALUE) : OptionalLong.empty();
        return new DeviceMessage(device, random.nextLong(), seq, readings, events, random.nextLong());
    }
}
