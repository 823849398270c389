package org.firehub.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.firehub.rules.Severity;

/**
 * One configured receiver (an SMS or WeCom gateway) and what it wants to hear about.
 *
 * @param types exact types or family wildcards ({@code alarm.*})
 * @param grids the grids it covers; empty means every grid
 * @param timeout how long one attempt may take, connection included
 * @param maxAttempts attempts before the notification is given up as dead
 * @param secret the HMAC key of {@code X-Firehub-Signature}; never logged
 */
public record Webhook(String name, URI url, Set<String> types, Optional<Set<String>> grids, Severity minSeverity,
                      Duration timeout, int maxAttempts, String secret) {

    public Webhook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(minSeverity, "minSeverity");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(secret, "secret");
        types = Set.copyOf(types);
        grids = grids.map(Set::copyOf);
        if (secret.isBlank()) throw new IllegalArgumentException("webhook " + name + ": blank secret");
        if (maxAttempts < 1) throw new IllegalArgumentException("webhook " + name + ": maxAttempts < 1");
    }

    public boolean wants(Notification n) {
        return n.severity().atLeast(minSeverity)
                && grids.map(g -> g.contains(n.grid())).orElse(true)
                && types.stream().anyMatch(pattern -> NotificationTypes.matches(pattern, n.type()));
    }

    /** {@code FIREHUB_WEBHOOK_<NAME>_SECRET}, the name upper-cased with every other character as '_'. */
    public static String secretVariable(String webhookName) {
        return "FIREHUB_WEBHOOK_" + webhookName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_SECRET";
    }

    @Override
    public String toString() {
        return "Webhook[" + name + " → " + url + "]";
    }
}
