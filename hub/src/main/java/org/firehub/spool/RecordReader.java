package org.firehub.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads framed records one after another from a segment file, never past a limit the caller
 * gives (the durable end): bytes beyond it may still be in the middle of being written, so they
 * are not even buffered.
 */
final class RecordReader {
    /** What the next position holds. */
    sealed interface Next {}

    /** A whole record whose checksum matches; {@code payload} is valid until the next call. */
    record Record(long offset, ByteBuffer payload) implements Next {}

    /** Exactly at the limit. */
    record End() implements Next {}

    /** Bytes at {@code offset} are not a complete, intact record. */
    record Broken(long offset, String reason) implements Next {}

    private final FileChannel channel;
    private final int maxRecordBytes;
    private final ByteBuffer buffer;
    private long bufferStart;
    private long position;

    RecordReader(FileChannel channel, long position, int maxRecordBytes) {
        this.channel = channel;
        this.maxRecordBytes = maxRecordBytes;
        this.buffer = ByteBuffer.allocate(Math.max(1 << 20, maxRecordBytes + RecordFormat.HEADER_BYTES));
        this.buffer.limit(0);
        this.position = position;
        this.bufferStart = position;
    }

    long position() {
        return position;
    }

    /** Moves to an absolute offset (used to skip bytes that cannot be read). */
    void seek(long offset) {
        position = offset;
        bufferStart = offset;
        buffer.limit(0);
    }

    Next next(long limit) throws IOException {
        long available = limit - position;
        if (available == 0) return new End();
        if (available < RecordFormat.HEADER_BYTES) return new Broken(position, "partial record header (" + available + " bytes)");
        ByteBuffer header = bytesAt(position, RecordFormat.HEADER_BYTES, limit);
        if (header == null) return new Broken(position, "file ends before its recorded length");
        int length = header.getInt();
        int crc = header.getInt();
        if (length <= 0 || length > maxRecordBytes) return new Broken(position, "impossible record length " + Integer.toUnsignedString(length));
        if (length > available - RecordFormat.HEADER_BYTES) {
            return new Broken(position, "partial record (" + (available - RecordFormat.HEADER_BYTES) + " of " + length + " payload bytes)");
        }
        ByteBuffer payload = bytesAt(position + RecordFormat.HEADER_BYTES, length, limit);
        if (payload == null) return new Broken(position, "file ends before its recorded length");
        if (RecordFormat.crc(payload) != crc) return new Broken(position, "checksum mismatch");
        long offset = position;
        position += RecordFormat.HEADER_BYTES + length;
        return new Record(offset, payload);
    }

    /** A view of {@code length} bytes at {@code offset}, refilling the buffer (up to the limit) when needed. */
    private ByteBuffer bytesAt(long offset, int length, long limit) throws IOException {
        long end = bufferStart + buffer.limit();
        if (offset < bufferStart || offset + length > end) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), limit - offset));
            bufferStart = offset;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, bufferStart + buffer.position()) < 0) break;
            }
            buffer.flip();
            if (buffer.limit() < length) return null;
        }
        return buffer.slice((int) (offset - bufferStart), length);
    }
}
