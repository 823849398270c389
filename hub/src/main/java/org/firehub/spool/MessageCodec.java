package org.firehub.spool;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.DeviceMessage;

/**
 * The compact binary form of a {@link DeviceMessage} inside a spool record.
 *
 * <pre>
 * u8 version(1) · str deviceId · str kind · i64 venueId · u8 hasGrid [str grid]
 * · i64 timestampMillis · u8 hasSeq [i64 seq]
 * · u16 readingCount (str name · f64 value)* · u16 eventCount (str name)* · i64 receivedAtMillis
 * str = u16 byte length · UTF-8 bytes
 * </pre>
 *
 * Decoding reads untrusted bytes (a record could be damaged on disk): every length is
 * checked against what remains, and any inconsistency is a {@link MalformedMessageException},
 * never an unchecked surprise.
 */
public final class MessageCodec {
    static final byte VERSION = 1;
    private static final int MAX_STRING_BYTES = 0xFFFF;
    private static final int MAX_ENTRIES = 0xFFFF;

    private MessageCodec() {}

    /** Encodes a message; fails only for messages too large for the format (a caller bug). */
    public static byte[] encode(DeviceMessage message) {
        Device device = message.device();
        List<byte[]> names = new ArrayList<>();
        int size = 1 + 8 + 1 + 8 + 1 + 2 + 2 + 8;
        size += sized(names, device.id().value()) + sized(names, device.kind());
        if (device.grid() != null) size += sized(names, device.grid());
        checkCount("readings", message.readings().size());
        checkCount("events", message.events().size());
        for (String reading : message.readings().keySet()) size += sized(names, reading) + 8;
        for (String event : message.events()) size += sized(names, event);
        if (message.seq().isPresent()) size += 8;

        ByteBuffer out = ByteBuffer.allocate(size);
        int next = 0;
        out.put(VERSION);
        putString(out, names.get(next++));
        putString(out, names.get(next++));
        out.putLong(device.venueId());
        out.put((byte) (device.grid() == null ? 0 : 1));
        if (device.grid() != null) putString(out, names.get(next++));
        out.putLong(message.timestampMillis());
        out.put((byte) (message.seq().isPresent() ? 1 : 0));
        if (message.seq().isPresent()) out.putLong(message.seq().getAsLong());
        out.putShort((short) message.readings().size());
        for (double value : message.readings().values()) {
            putString(out, names.get(next++));
            out.putDouble(value);
        }
        out.putShort((short) message.events().size());
        for (int i = 0; i < message.events().size(); i++) putString(out, names.get(next++));
        out.putLong(message.receivedAtMillis());
        assert !out.hasRemaining() : "size computed wrongly";
        return out.array();
    }

    /** Decodes one payload exactly (trailing bytes are an error). */
    public static DeviceMessage decode(ByteBuffer payload) throws MalformedMessageException {
        ByteBuffer in = payload.slice();
        try {
            byte version = in.get();
            if (version != VERSION) throw new MalformedMessageException("unknown record version " + version);
            String deviceId = getString(in, "device id");
            String kind = getString(in, "kind");
            long venueId = in.getLong();
            String grid = getFlag(in, "grid") ? getString(in, "grid") : null;
            long timestamp = in.getLong();
            OptionalLong seq = getFlag(in, "seq") ? OptionalLong.of(in.getLong()) : OptionalLong.empty();
            int readingCount = Short.toUnsignedInt(in.getShort());
            Map<String, Double> readings = new LinkedHashMap<>();
            for (int i = 0; i < readingCount; i++) {
                String name = getString(in, "reading name");
                double value = in.getDouble();
                if (!Double.isFinite(value)) throw new MalformedMessageException("reading '" + name + "' is not finite");
                readings.put(name, value);
            }
            int eventCount = Short.toUnsignedInt(in.getShort());
            List<String> events = new ArrayList<>(Math.min(eventCount, in.remaining() / 2));
            for (int i = 0; i < eventCount; i++) events.add(getString(in, "event name"));
            long receivedAt = in.getLong();
            if (in.hasRemaining()) throw new MalformedMessageException(in.remaining() + " trailing bytes");
            if (!DeviceId.isValid(deviceId)) throw new MalformedMessageException("invalid device id");
            return new DeviceMessage(new Device(new DeviceId(deviceId), kind, venueId, grid), timestamp, seq, readings, events, receivedAt);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("record ends early (" + payload.remaining() + " bytes)");
        }
    }

    private static int sized(List<byte[]> names, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string too long for a spool record: " + bytes.length + " bytes");
        }
        names.add(bytes);
        return 2 + bytes.length;
    }

    private static void checkCount(String what, int count) {
        if (count > MAX_ENTRIES) throw new IllegalArgumentException("too many " + what + " for a spool record: " + count);
    }

    private static void putString(ByteBuffer out, byte[] bytes) {
        out.putShort((short) bytes.length);
        out.put(bytes);
    }

    private static boolean getFlag(ByteBuffer in, String what) throws MalformedMessageException {
        byte flag = in.get();
        if (flag != 0 && flag != 1) throw new MalformedMessageException("bad presence flag for " + what + ": " + flag);
        return flag == 1;
    }

    private static String getString(ByteBuffer in, String what) throws MalformedMessageException {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > in.remaining()) {
            throw new MalformedMessageException(what + " length " + length + " exceeds the " + in.remaining() + " bytes left");
        }
        ByteBuffer bytes = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException(what + " is not valid UTF-8");
        }
    }

    /** The bytes are not a message this codec wrote. */
    public static final class MalformedMessageException extends Exception {
        public MalformedMessageException(String message) {
            super(message, null, false, false);
        }
    }
}
