package org.firehub.publicpage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a venue by its public QR token through the unique index on {@code venues.qr_token}: one
 * indexed query whether or not the token exists. Tokens not shaped like one (base64url, 16–128
 * characters) are answered "not found" without asking the database.
 */
final class PublicVenues {
    static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    static final String SQL = "SELECT id, name, type FROM venues WHERE qr_token = $1";
    private final Pool pool;

    PublicVenues(Pool pool) {
        this.pool = pool;
    }

    static boolean wellFormed(String token) {
        return token != null && TOKEN_SHAPE.matcher(token).matches();
    }

    Future<Optional<PublicVenue>> byToken(String token) {
        if (!wellFormed(token)) return Future.succeededFuture(Optional.empty());
        return pool.preparedQuery(SQL).execute(Tuple.of(token)).map(rows -> {
            if (rows.size() == 0) return Optional.empty();
            Row row = rows.iterator().next();
            return Optional.of(new PublicVenue(row.getLong("id"), row.getString("name"), row.getString("type"), token));
        });
    }
}
