package org.firehub.runtime;

import org.flywaydb.core.Flyway;

/** Brings the database schema up to date with the migrations in {@code db/migration}. */
public final class Migrations {
    private Migrations() {}

    /** Blocking: call at start-up, before the hub takes traffic. Returns how many were applied. */
    public static int migrate(PgSettings pg) {
        return Flyway.configure()
                .dataSource(pg.jdbcUrl(), pg.user(), pg.password())
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
