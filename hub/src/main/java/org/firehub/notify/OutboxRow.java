package org.firehub.notify;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * One claimed delivery: an outbox row with its attempt counted, leased to this dispatcher by
 * {@code claim} until the dispatcher records the outcome or the lease runs out.
 *
 * @param attempts this attempt's number, 1 for the first
 */
record OutboxRow(long id, String webhook, String type, JsonObject envelope, int attempts, UUID claim) {}
