package org.firehub.people;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** The {@code users} table, through the non-blocking PostgreSQL pool. */
public final class UserRepository {
    private static final String COLUMNS = "id, username, password_hash, role, grid";
    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    public Future<Optional<User>> findByUsername(String username) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE username = $1")
                .execute(Tuple.of(username))
                .map(UserRepository::firstUser);
    }

    public Future<Optional<User>> findById(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1")
                .execute(Tuple.of(id))
                .map(UserRepository::firstUser);
    }

    public Future<User> create(String username, String passwordHash, Role role, String grid) {
        return pool.preparedQuery("INSERT INTO users (username, password_hash, role, grid) VALUES ($1, $2, $3, $4)"
                        + " RETURNING " + COLUMNS)
                .execute(Tuple.of(username, passwordHash, role.wireName(), grid))
                .map(rows -> firstUser(rows).orElseThrow());
    }

    /**
     * Creates the user only when the table is empty, in one statement, so two hub nodes
     * starting together cannot both create a first admin. Empty when users already existed.
     */
    public Future<Optional<User>> createIfNoUsers(String username, String passwordHash, Role role) {
        return pool.preparedQuery("INSERT INTO users (username, password_hash, role)"
                        + " SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM users) RETURNING " + COLUMNS)
                .execute(Tuple.of(username, passwordHash, role.wireName()))
                .map(UserRepository::firstUser);
    }

    public Future<Long> count() {
        return pool.query("SELECT count(*) FROM users").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static Optional<User> firstUser(RowSet<Row> rows) {
        if (rows.size() == 0) return Optional.empty();
        return Optional.of(toUser(rows.iterator().next()));
    }

    static User toUser(Row row) {
        String roleName = row.getString("role");
        Role role = Role.fromWireName(roleName)
                .orElseThrow(() -> new IllegalStateException("user " + row.getLong("id") + " has unknown role " + roleName));
        return new User(row.getLong("id"), row.getString("username"), row.getString("password_hash"), role,
                row.getString("grid"));
    }
}
