package org.firehub.testing;

import org.firehub.runtime.Migrations;
import org.firehub.runtime.PgSettings;

/** A fresh, migrated database on the shared test PostgreSQL: one per test class. */
public final class TestDatabase {
    private TestDatabase() {}

    public static PgSettings migrated(String prefix) {
        PgSettings pg = PgSettings.fromUrl(TestPostgres.shared().newDatabase(prefix), "postgres", "");
        Migrations.migrate(pg);
        return pg;
    }
}
