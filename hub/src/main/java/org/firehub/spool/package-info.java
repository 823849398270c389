/**
 * The durable spool between "accepted" and "in InfluxDB".
 *
 * <p>On disk ({@code $FIREHUB_HOME/spool}):
 * <ul>
 *   <li>{@code 00000000000000000000.seg}, … segment files named by their first record's
 *       sequence number; records are {@code [u32 length][u32 CRC32C][payload]} (see
 *       {@link org.firehub.spool.MessageCodec} for the payload);</li>
 *   <li>{@code checkpoint}: {@code next-seq=N}, the first record InfluxDB has not confirmed;</li>
 *   <li>{@code dead-letter.jsonl} (and {@code dead-letter-*.bin} copies of unreadable bytes):
 *       what InfluxDB refused or what could not be read, one JSON line each;</li>
 *   <li>{@code spool.lock}: held while a hub has the spool open.</li>
 * </ul>
 *
 * <p>Guarantees: an append's future completes only after its record is fsync'd; a full spool
 * refuses appends instead of dropping anything; the drainer deletes only segments the persisted
 * checkpoint has passed; after a crash, the torn tail of the last segment is cut and everything
 * after the checkpoint is written again (InfluxDB overwrites identical points).
 */
package org.firehub.spool;
