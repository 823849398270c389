package org.firehub.people;

import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of the people tables into records, and PostgreSQL error states the admin stores react to. */
final class PeopleRows {
    static final String UNIQUE_VIOLATION = "23505";
    static final String USER_COLUMNS = "u.id, u.username, u.role, u.display_name, u.phone, u.disabled, u.created_at,"
            + " ARRAY(SELECT m.grid FROM grid_members m WHERE m.user_id = u.id ORDER BY m.grid) AS grids,"
            + " ARRAY(SELECT o.venue_id FROM venue_owners o WHERE o.user_id = u.id ORDER BY o.venue_id) AS venues";

    private PeopleRows() {}

    static UserProfile user(Row row) {
        String roleName = row.getString("role");
        Role role = Role.fromWireName(roleName)
                .orElseThrow(() -> new IllegalStateException("user " + row.getLong("id") + " has unknown role " + roleName));
        return new UserProfile(row.getLong("id"), row.getString("username"), role, row.getString("display_name"),
                row.getString("phone"), row.getBoolean("disabled"), Arrays.asList(row.getArrayOfStrings("grids")),
                Arrays.asList(row.getArrayOfLongs("venues")), row.getOffsetDateTime("created_at").toInstant());
    }

    static List<UserProfile> users(RowSet<Row> rows) {
        List<UserProfile> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(user(row)));
        return list;
    }

    static boolean isState(Throwable failure, String sqlState) {
        return failure instanceof DatabaseException db && sqlState.equals(db.getSqlState());
    }
}
