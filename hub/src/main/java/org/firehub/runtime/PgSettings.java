package org.firehub.runtime;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;

/**
 * Where PostgreSQL is: one value used both for Flyway (JDBC) and for the hub's non-blocking
 * pool (Vert.x PG client), so the two can never point at different databases.
 */
public record PgSettings(String host, int port, String database, String user, String password) {

    /** Parses {@code jdbc:postgresql://host:port/db} or {@code postgresql://host:port/db}. */
    public static PgSettings fromUrl(String url, String user, String password) {
        String bare = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri = URI.create(bare);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + url);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty()) throw new IllegalArgumentException("PostgreSQL URL names no database: " + url);
        return new PgSettings(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database,
                user == null ? "postgres" : user, password == null ? "" : password);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public PgConnectOptions connectOptions() {
        return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
                .setUser(user).setPassword(password).setCachePreparedStatements(true);
    }

    public Pool pool(Vertx vertx, int maxSize) {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(maxSize)).connectingTo(connectOptions())
                .using(vertx).build();
    }

    @Override
    public String toString() {
        return "PgSettings[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
