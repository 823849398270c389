package org.firehub.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.firehub.auth.SecretTokens;
import org.firehub.runtime.PgSettings;

/**
 * Venues and devices written straight into a test database, for transport tests that run
 * without the REST API. Tokens are stored exactly as registration stores them (SHA-256).
 */
public final class TestRegistry {
    private TestRegistry() {}

    /** A venue of type restaurant in {@code grid}; returns its id. */
    public static long insertVenue(PgSettings pg, String name, String grid) throws SQLException {
        try (Connection c = connect(pg); PreparedStatement s = c.prepareStatement(
                "INSERT INTO venues (name, address, type, grid, qr_token) VALUES (?, '1 Test Street', 'restaurant', ?, ?) RETURNING id")) {
            s.setString(1, name);
            s.setString(2, grid);
            s.setString(3, SecretTokens.generate());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A device of {@code kind} at the venue; returns its new token. */
    public static String insertDevice(PgSettings pg, String deviceId, String kind, long venueId) throws SQLException {
        String token = SecretTokens.generate();
        try (Connection c = connect(pg); PreparedStatement s = c.prepareStatement(
                "INSERT INTO devices (device_id, kind, venue_id, token_hash) VALUES (?, ?, ?, ?)")) {
            s.setString(1, deviceId);
            s.setString(2, kind);
            s.setLong(3, venueId);
            s.setBytes(4, SecretTokens.hash(token));
            s.executeUpdate();
        }
        return token;
    }

    public static Connection connect(PgSettings pg) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }
}
