package org.firehub.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.firehub.device.Device;

/**
 * The one path every transport hands an authenticated device's message to: decode, validate
 * against the device kind, drop duplicates, append durably. The future completes only after
 * the spool's fsync for {@link IngestResult.Stored}; it fails with
 * {@link DurableSink.SinkFullException} when the spool is full (push back) or with an I/O error.
 * Callable from any Vert.x event loop; it never blocks.
 */
public interface Ingestor {
    Future<IngestResult> accept(Device device, Transport transport, Channel channel, Buffer body, ContentFormat format);
}
