package org.firehub.people;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.firehub.web.ApiProblem;

/** Checks inside an admin transaction that name what is wrong, rather than leaving it to a foreign key error. */
final class GridChecks {
    private GridChecks() {}

    /** Fails with 400 {@code unknown_grid} naming the grids that do not exist. */
    static Future<Void> requireGrids(SqlClient tx, List<String> grids) {
        if (grids.isEmpty()) return Future.succeededFuture();
        return tx.preparedQuery("SELECT code FROM grids WHERE code = ANY($1)").execute(Tuple.tuple().addArrayOfString(grids.toArray(String[]::new)))
                .compose(rows -> {
                    Set<String> missing = new HashSet<>(grids);
                    for (Row row : rows) missing.remove(row.getString("code"));
                    if (missing.isEmpty()) return Future.succeededFuture();
                    return Future.failedFuture(new ApiProblem(400, "unknown_grid", "no grid " + String.join(", ", missing.stream().sorted().toList())
                            + "; create it first (POST /api/v1/grids)"));
                });
    }

    /** Fails with 400 {@code invalid_leader} unless the user exists, is enabled, and is a grid worker or supervisor. */
    static Future<Void> requireLeader(SqlClient tx, long userId) {
        return tx.preparedQuery("SELECT role, disabled FROM users WHERE id = $1").execute(Tuple.of(userId)).compose(rows -> {
            if (rows.size() == 0) return Future.failedFuture(new ApiProblem(400, "invalid_leader", "no user " + userId));
            Row row = rows.iterator().next();
            String role = row.getString("role");
            if (row.getBoolean("disabled")) {
                return Future.failedFuture(new ApiProblem(400, "invalid_leader", "user " + userId + " is disabled"));
            }
            if (!Role.GRID_WORKER.wireName().equals(role) && !Role.SUPERVISOR.wireName().equals(role)) {
                return Future.failedFuture(new ApiProblem(400, "invalid_leader",
                        "a grid's leader must be a grid_worker or supervisor; user " + userId + " is " + role));
            }
            return Future.succeededFuture();
        });
    }
}
