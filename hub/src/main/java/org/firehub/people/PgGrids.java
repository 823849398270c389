package org.firehub.people;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.firehub.web.ApiProblem;

/** Grids for the admin API: create, rename, set the leader; every change audited in its transaction. */
public final class PgGrids {
    private static final String SELECT = "SELECT g.code, g.name, g.leader_user_id, g.created_at,"
            + " (SELECT count(*) FROM venues v WHERE v.grid = g.code) AS venues,"
            + " (SELECT coalesce(json_agg(json_build_object('id', u.id, 'username', u.username) ORDER BY u.username), '[]')"
            + "  FROM grid_members m JOIN users u ON u.id = m.user_id WHERE m.grid = g.code) AS members"
            + " FROM grids g";

    private final Pool pool;

    public PgGrids(Pool pool) {
        this.pool = pool;
    }

    public Future<List<GridProfile>> list() {
        return pool.query(SELECT + " ORDER BY g.code").execute().map(PgGrids::grids);
    }

    public Future<Optional<GridProfile>> find(String code) {
        return pool.preparedQuery(SELECT + " WHERE g.code = $1").execute(Tuple.of(code))
                .map(rows -> grids(rows).stream().findFirst());
    }

    /** A taken code fails with 409 {@code grid_exists}; a leader who may not lead with 400 {@code invalid_leader}. */
    public Future<GridProfile> create(String code, String name, Long leaderUserId, Actor actor) {
        return pool.withTransaction(tx -> (leaderUserId == null ? Future.<Void>succeededFuture()
                        : GridChecks.requireLeader(tx, leaderUserId))
                        .compose(v -> tx.preparedQuery("INSERT INTO grids (code, name, leader_user_id) VALUES ($1, $2, $3)")
                                .execute(Tuple.of(code, name, leaderUserId)))
                        .compose(v -> SecurityAudit.record(tx, actor.event("grid.created", "grid:" + code)
                                .with("name", name).with("leaderUserId", leaderUserId))))
                .recover(e -> Future.failedFuture(PeopleRows.isState(e, PeopleRows.UNIQUE_VIOLATION)
                        ? new ApiProblem(409, "grid_exists", "grid '" + code + "' exists already") : e))
                .compose(v -> find(code).map(Optional::orElseThrow));
    }

    /**
     * Renames the grid and/or sets its leader ({@code leader} empty inside = no leader); empty when
     * there is no such grid.
     */
    public Future<Optional<GridProfile>> update(String code, Optional<String> name, Optional<Optional<Long>> leader, Actor actor) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT code FROM grids WHERE code = $1 FOR UPDATE")
                        .execute(Tuple.of(code)).compose(rows -> {
                            if (rows.size() == 0) return Future.succeededFuture(false);
                            Future<Void> checked = leader.flatMap(l -> l).map(id -> GridChecks.requireLeader(tx, id))
                                    .orElse(Future.succeededFuture());
                            JsonObject details = new JsonObject();
                            name.ifPresent(n -> details.put("name", n));
                            leader.ifPresent(l -> details.put("leaderUserId", l.orElse(null)));
                            return checked
                                    .compose(v -> tx.preparedQuery("UPDATE grids SET name = coalesce($2, name),"
                                                    + " leader_user_id = CASE WHEN $3::boolean THEN $4::bigint ELSE leader_user_id END WHERE code = $1")
                                            .execute(Tuple.of(code, name.orElse(null), leader.isPresent(),
                                                    leader.flatMap(l -> l).orElse(null))))
                                    .compose(v -> SecurityAudit.record(tx, new SecurityEvent(actor.principal().userId(),
                                            "grid.updated", "grid:" + code, actor.sourceAddress(), details)))
                                    .map(true);
                        }))
                .compose(found -> found ? find(code) : Future.succeededFuture(Optional.empty()));
    }

    private static List<GridProfile> grids(RowSet<Row> rows) {
        List<GridProfile> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<GridProfile.Member> members = new ArrayList<>();
            Object raw = row.getValue("members");
            JsonArray array = raw instanceof JsonArray a ? a : new JsonArray(String.valueOf(raw));
            array.forEach(m -> {
                JsonObject member = (JsonObject) m;
                members.add(new GridProfile.Member(member.getLong("id"), member.getString("username")));
            });
            list.add(new GridProfile(row.getString("code"), row.getString("name"), row.getLong("leader_user_id"),
                    row.getLong("venues"), members, row.getOffsetDateTime("created_at").toInstant()));
        }
        return list;
    }
}
