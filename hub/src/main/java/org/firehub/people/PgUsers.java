package org.firehub.people;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.firehub.web.ApiProblem;

/**
 * Creating, reading and changing users for the admin API. Every change is one transaction with
 * its {@link SecurityAudit} entry. Disabling a user, or changing their role or password, deletes
 * their sessions in that transaction and then tells {@code sessionsRevoked}, so session caches
 * drop them too. Passwords are hashed by {@link PasswordHasher} (its own worker pool) before the
 * transaction opens, so no connection is held while Argon2 runs.
 */
public final class PgUsers {
    private static final String SELECT = "SELECT " + PeopleRows.USER_COLUMNS + " FROM users u";
    private static final String INSERT = "INSERT INTO users (username, password_hash, role, display_name, phone)"
            + " VALUES ($1, $2, $3, $4, $5) RETURNING id";

    private final Pool pool;
    private final PasswordHasher hasher;
    private final LongConsumer sessionsRevoked;

    public PgUsers(Pool pool, PasswordHasher hasher, LongConsumer sessionsRevoked) {
        this.pool = pool;
        this.hasher = hasher;
        this.sessionsRevoked = sessionsRevoked;
    }

    public Future<List<UserProfile>> list() {
        return pool.query(SELECT + " ORDER BY u.id").execute().map(PeopleRows::users);
    }

    public Future<Optional<UserProfile>> find(long id) {
        return pool.preparedQuery(SELECT + " WHERE u.id = $1").execute(Tuple.of(id))
                .map(rows -> PeopleRows.users(rows).stream().findFirst());
    }

    /** Creates the user; a taken username fails with 409 {@code username_taken}, an unknown grid 400 {@code unknown_grid}. */
    public Future<UserProfile> create(NewUser user, Actor actor) {
        return hasher.hash(user.password()).compose(hash -> pool.withTransaction(tx -> GridChecks.requireGrids(tx, user.grids())
                        .compose(v -> tx.preparedQuery(INSERT).execute(Tuple.of(user.username(), hash, user.role().wireName(),
                                user.displayName(), user.phone())))
                        .map(rows -> rows.iterator().next().getLong("id"))
                        .compose(id -> replaceGrids(tx, id, user.grids())
                                .compose(v -> SecurityAudit.record(tx, actor.event("user.created", "user:" + id)
                                        .with("username", user.username()).with("role", user.role().wireName())
                                        .with("grids", new JsonArray(user.grids()))))
                                .map(id))))
                .recover(e -> Future.failedFuture(PeopleRows.isState(e, PeopleRows.UNIQUE_VIOLATION)
                        ? new ApiProblem(409, "username_taken", "the username '" + user.username() + "' is taken") : e))
                .compose(id -> find(id).map(Optional::orElseThrow));
    }

    /** Applies the change; empty when there is no such user. */
    public Future<Optional<UserProfile>> update(long id, UserChange change, Actor actor) {
        Future<Optional<String>> hash = change.password().isPresent()
                ? hasher.hash(change.password().get()).map(Optional::of) : Future.succeededFuture(Optional.empty());
        return hash.compose(newHash -> pool.withTransaction(tx -> tx
                        .preparedQuery("SELECT role, disabled FROM users WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                        .compose(rows -> {
                            if (rows.size() == 0) return Future.succeededFuture(Optional.<Boolean>empty());
                            var row = rows.iterator().next();
                            Role before = Role.fromWireName(row.getString("role")).orElseThrow();
                            return apply(tx, id, before, row.getBoolean("disabled"), change, newHash, actor).map(Optional::of);
                        })))
                .compose(revoked -> {
                    if (revoked.isEmpty()) return Future.succeededFuture(Optional.empty());
                    if (revoked.get()) sessionsRevoked.accept(id);
                    return find(id);
                });
    }

    /** Inside the transaction; answers whether the user's sessions were ended. */
    private Future<Boolean> apply(SqlClient tx, long id, Role before, boolean wasDisabled, UserChange change,
                                  Optional<String> newHash, Actor actor) {
        Role after = change.role().orElse(before);
        boolean disabling = change.disabled().orElse(false) && !wasDisabled;
        if (actor.principal().userId() == id && (change.disabled().orElse(false) || after != Role.ADMIN)) {
            return Future.failedFuture(new ApiProblem(409, "self_lockout",
                    "an admin cannot disable or demote themselves; another admin has to"));
        }
        if (after != Role.GRID_WORKER && change.grids().filter(g -> !g.isEmpty()).isPresent()) {
            return Future.failedFuture(new ApiProblem(400, "grids_need_grid_worker", "only grid workers work grids"));
        }
        boolean roleChanged = after != before;
        boolean revoke = disabling || roleChanged || newHash.isPresent();
        List<String> changed = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        Tuple params = Tuple.of(id);
        change.role().filter(r -> r != before).ifPresent(r -> set(sets, params, changed, "role", r.wireName()));
        change.displayName().ifPresent(v -> set(sets, params, changed, "display_name", v.orElse(null)));
        change.phone().ifPresent(v -> set(sets, params, changed, "phone", v.orElse(null)));
        change.disabled().filter(d -> d != wasDisabled).ifPresent(d -> set(sets, params, changed, "disabled", d));
        newHash.ifPresent(h -> set(sets, params, changed, "password_hash", h));
        Optional<List<String>> grids = roleChanged && after != Role.GRID_WORKER ? Optional.of(List.of()) : change.grids();
        grids.ifPresent(g -> changed.add("grids"));
        Future<Void> work = grids.map(g -> GridChecks.requireGrids(tx, g)).orElse(Future.succeededFuture());
        if (!sets.isEmpty()) {
            work = work.compose(v -> tx.preparedQuery("UPDATE users SET " + String.join(", ", sets) + " WHERE id = $1")
                    .execute(params).mapEmpty());
        }
        if (grids.isPresent()) work = work.compose(v -> replaceGrids(tx, id, grids.get()));
        if (roleChanged && after != Role.VENUE_OWNER) {
            work = work.compose(v -> tx.preparedQuery("DELETE FROM venue_owners WHERE user_id = $1").execute(Tuple.of(id))
                    .mapEmpty());
        }
        // Overdue tickets escalate to a grid's leader: it must stay someone who can act on them.
        if (disabling || (roleChanged && after != Role.GRID_WORKER && after != Role.SUPERVISOR)) {
            work = work.compose(v -> tx.preparedQuery("UPDATE grids SET leader_user_id = NULL WHERE leader_user_id = $1")
                    .execute(Tuple.of(id)).map(rows -> {
                        if (rows.rowCount() > 0) changed.add("leadership");
                        return null;
                    }));
        }
        if (revoke) {
            work = work.compose(v -> tx.preparedQuery("DELETE FROM sessions WHERE user_id = $1").execute(Tuple.of(id)).mapEmpty());
        }
        String action = disabling ? "user.disabled"
                : change.disabled().filter(d -> !d && wasDisabled).isPresent() ? "user.enabled" : "user.updated";
        return work.compose(v -> SecurityAudit.record(tx, actor.event(action, "user:" + id)
                        .with("changed", new JsonArray(changed)).with("role", after.wireName()).with("sessionsEnded", revoke)))
                .map(revoke);
    }

    private static void set(List<String> sets, Tuple params, List<String> changed, String column, Object value) {
        params.addValue(value);
        sets.add(column + " = $" + params.size());
        changed.add(column.equals("password_hash") ? "password" : column);
    }

    /**
     * Replaces the user's grid memberships; {@code users.grid} follows (the first grid), for the code
     * that still reads the single-grid column of a {@link Principal}.
     */
    private static Future<Void> replaceGrids(SqlClient tx, long id, List<String> grids) {
        return tx.preparedQuery("DELETE FROM grid_members WHERE user_id = $1").execute(Tuple.of(id))
                .compose(v -> tx.preparedQuery("INSERT INTO grid_members (user_id, grid) SELECT $1, g FROM unnest($2::text[]) g"
                        + " ON CONFLICT DO NOTHING").execute(Tuple.of(id).addArrayOfString(grids.toArray(String[]::new))))
                .compose(v -> tx.preparedQuery("UPDATE users SET grid = (SELECT min(grid) FROM grid_members WHERE user_id = $1)"
                        + " WHERE id = $1").execute(Tuple.of(id)))
                .mapEmpty();
    }
}
