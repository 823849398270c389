package org.firehub.spool;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Framing of one spool record: {@code [u32 payload length][u32 CRC32C of payload][payload]},
 * big-endian. A zero length is invalid, so a zero-filled tail (what a file system may leave
 * after a crash) never reads as records.
 */
final class RecordFormat {
    static final int HEADER_BYTES = 8;

    private RecordFormat() {}

    static ByteBuffer frame(byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        record.putInt(payload.length);
        record.putInt(crc(ByteBuffer.wrap(payload)));
        record.put(payload);
        return record.flip();
    }

    static int crc(ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }
}
