package org.firehub.people;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;

/** Reads {@code security_audit}, newest first, a page at a time (keyset on the id, stable while rows are added). */
public final class SecurityAuditLog {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final SqlClient client;

    public SecurityAuditLog(SqlClient client) {
        this.client = client;
    }

    /**
     * Up to {@code limit} entries with an id below {@code beforeId} (all when {@code null}), newest
     * first, each {@code {id, at, actor: {id, username}|null, action, subject, sourceAddress, details}}.
     */
    public Future<JsonArray> page(int limit, Long beforeId) {
        return client.preparedQuery("SELECT a.id, a.at, a.actor_user_id, u.username, a.action, a.subject, a.source_address, a.details"
                        + " FROM security_audit a LEFT JOIN users u ON u.id = a.actor_user_id"
                        + " WHERE ($2::bigint IS NULL OR a.id < $2) ORDER BY a.id DESC LIMIT $1")
                .execute(Tuple.of(limit, beforeId))
                .map(rows -> {
                    JsonArray entries = new JsonArray();
                    for (Row row : rows) entries.add(entry(row));
                    return entries;
                });
    }

    private static JsonObject entry(Row row) {
        Long actorId = row.getLong("actor_user_id");
        Instant at = SessionService.instant(row, "at");
        Object details = row.getValue("details");
        return new JsonObject()
                .put("id", row.getLong("id"))
                .put("at", at == null ? null : at.toString())
                .put("actor", actorId == null ? null : new JsonObject().put("id", actorId).put("username", row.getString("username")))
                .put("action", row.getString("action"))
                .put("subject", row.getString("subject"))
                .put("sourceAddress", row.getString("source_address"))
                .put("details", details instanceof JsonObject json ? json : new JsonObject());
    }
}
