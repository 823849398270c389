package org.firehub.people;

import io.vertx.core.Future;
import java.io.PrintStream;
import java.util.Optional;
import org.firehub.auth.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first admin on an empty database: user {@code admin} with {@code FIREHUB_ADMIN_PASSWORD},
 * or, when that is not set, a generated password printed once to stdout in a banner (the only
 * place it ever appears; it is never logged). A given password is never printed or logged.
 */
public final class AdminBootstrap {
    public static final String ADMIN_USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    /** What start-up did about the first admin. */
    public enum Outcome { ALREADY_HAD_USERS, CREATED_WITH_GIVEN_PASSWORD, CREATED_WITH_GENERATED_PASSWORD }

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PrintStream console;

    public AdminBootstrap(UserRepository users, PasswordHasher hasher, PrintStream console) {
        this.users = users;
        this.hasher = hasher;
        this.console = console;
    }

    /** @param givenPassword the value of {@code FIREHUB_ADMIN_PASSWORD}, if set and not blank */
    public Future<Outcome> ensureAdmin(Optional<String> givenPassword) {
        return users.count().compose(count -> {
            if (count > 0) return Future.succeededFuture(Outcome.ALREADY_HAD_USERS);
            boolean generated = givenPassword.filter(p -> !p.isBlank()).isEmpty();
            String password = generated ? SecretTokens.generate() : givenPassword.get();
            return hasher.hash(password)
                    .compose(hash -> users.createIfNoUsers(ADMIN_USERNAME, hash, Role.ADMIN))
                    .map(created -> {
                        if (created.isEmpty()) return Outcome.ALREADY_HAD_USERS;
                        if (!generated) {
                            if (password.length() < 12) {
                                LOG.warn("FIREHUB_ADMIN_PASSWORD is shorter than 12 characters; choose a longer one");
                            }
                            LOG.info("created first admin '{}' with the password from FIREHUB_ADMIN_PASSWORD", ADMIN_USERNAME);
                            return Outcome.CREATED_WITH_GIVEN_PASSWORD;
                        }
                        LOG.info("created first admin '{}' with a generated password (printed once on stdout)", ADMIN_USERNAME);
                        printBanner(password);
                        return Outcome.CREATED_WITH_GENERATED_PASSWORD;
                    });
        });
    }

    private void printBanner(String password) {
        String rule = "=".repeat(72);
        console.println(rule);
        console.println(" firehub: first start on an empty database; created the admin user.");
        console.println("   username: " + ADMIN_USERNAME);
        console.println("   password: " + password);
        console.println(" This password is shown ONCE and stored only as an Argon2id hash.");
        console.println(" Set FIREHUB_ADMIN_PASSWORD before the first start to choose it yourself.");
        console.println(rule);
        console.flush();
    }
}
