package org.firehub.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** An outbox row as an operator sees it (the admin view): what, to whom, and how it went. */
public record OutboxEntry(long id, String webhook, String type, JsonObject payload, Instant createdAt, int attempts,
                         String state, Optional<String> lastError, Optional<Instant> deliveredAt) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("webhook", webhook).put("type", type).put("payload", payload)
                .put("createdAt", createdAt.toString()).put("attempts", attempts).put("state", state)
                .put("lastError", lastError.orElse(null)).put("deliveredAt", deliveredAt.map(Instant::toString).orElse(null));
    }
}
