package org.firehub.people;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts failed logins per username and per source address within a sliding window, in memory
 * (per hub node). Once a username or an address reaches its limit, further attempts are
 * refused <em>before</em> any password check, so a guesser learns nothing and burns no Argon2
 * time, until the oldest failure leaves the window.
 *
 * <p>Every attempt is counted as a failure when it starts ({@link #tryAttempt}) and given back
 * when it turns out otherwise ({@link #succeeded}, {@link #refund}): a hundred attempts sent at
 * once cannot all pass the check while their passwords are still being verified.
 */
public final class LoginThrottle {
    /** At most {@code perUser} failures per username and {@code perAddress} per address within {@code window}. */
    public record Limits(int perUser, int perAddress, Duration window) {
        public static final Limits DEFAULTS = new Limits(5, 20, Duration.ofMinutes(15));

        public Limits {
            if (perUser < 1 || perAddress < 1) throw new IllegalArgumentException("login limits must be >= 1: " + perUser + ", " + perAddress);
            if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("login window must be positive: " + window);
        }
    }

    /** The answer for one attempt. */
    public sealed interface Verdict {
        record Allowed() implements Verdict {}

        /**
         * @param limitedBy      {@code "username"} or {@code "address"}
         * @param firstRefusal   true for the first refusal since the limit was reached (worth one audit entry;
         *                       the rest of a flood is only counted)
         */
        record Refused(Duration retryAfter, String limitedBy, boolean firstRefusal) implements Verdict {}
    }

    /** Failure times inside the window, oldest first; immutable, replaced atomically per key. */
    private record Failures(List<Instant> at, boolean refusalNoted) {
        Failures pruned(Instant cutoff) {
            int first = 0;
            while (first < at.size() && !at.get(first).isAfter(cutoff)) first++;
            return first == 0 ? this : new Failures(List.copyOf(at.subList(first, at.size())), refusalNoted);
        }

        Failures plus(Instant now) {
            List<Instant> more = new ArrayList<>(at);
            more.add(now);
            return new Failures(List.copyOf(more), false);
        }

        Failures minusNewest() {
            return at.isEmpty() ? this : new Failures(List.copyOf(at.subList(0, at.size() - 1)), refusalNoted);
        }
    }

    private static final int MAX_KEYS = 100_000;
    private final Limits limits;
    private final Clock clock;
    private final Cache<String, Failures> byUser;
    private final Cache<String, Failures> byAddress;

    public LoginThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        // Keys untouched for a whole window hold nothing that still counts; the size bound keeps a
        // spray of made-up usernames from growing memory without end.
        this.byUser = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(limits.window()).build();
        this.byAddress = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(limits.window()).build();
    }

    public LoginThrottle(Limits limits) {
        this(limits, Clock.systemUTC());
    }

    public Limits limits() {
        return limits;
    }

    /** Checks both limits and, when allowed, counts the attempt as a failure until told otherwise. */
    public Verdict tryAttempt(String username, String address) {
        Verdict byName = take(byUser, userKey(username), limits.perUser(), "username");
        if (byName instanceof Verdict.Refused) return byName;
        Verdict byAddr = take(byAddress, address, limits.perAddress(), "address");
        if (byAddr instanceof Verdict.Refused) giveBack(byUser, userKey(username));
        return byAddr;
    }

    /** The password was right: the username starts afresh, and the address gets its attempt back. */
    public void succeeded(String username, String address) {
        String key = userKey(username);
        if (key != null) byUser.invalidate(key);
        giveBack(byAddress, address);
    }

    /** The attempt was neither right nor wrong (the hub was too busy to check it): it does not count. */
    public void refund(String username, String address) {
        giveBack(byUser, userKey(username));
        giveBack(byAddress, address);
    }

    /** Failures of a username now inside the window (for tests and diagnostics). */
    public int failuresOf(String username) {
        String key = userKey(username);
        Failures failures = key == null ? null : byUser.getIfPresent(key);
        return failures == null ? 0 : failures.pruned(clock.instant().minus(limits.window())).at().size();
    }

    private Verdict take(Cache<String, Failures> cache, String key, int max, String limitedBy) {
        if (key == null) return new Verdict.Allowed();
        Instant now = clock.instant();
        Instant cutoff = now.minus(limits.window());
        Verdict[] verdict = new Verdict[1];
        cache.asMap().compute(key, (k, old) -> {
            Failures current = old == null ? new Failures(List.of(), false) : old.pruned(cutoff);
            if (current.at().size() < max) {
                verdict[0] = new Verdict.Allowed();
                return current.plus(now);
            }
            // Attempts may come again once enough failures have left the window to be under the limit.
            Instant freeAt = current.at().get(current.at().size() - max).plus(limits.window());
            verdict[0] = new Verdict.Refused(Duration.between(now, freeAt), limitedBy, !current.refusalNoted());
            return new Failures(current.at(), true);
        });
        return verdict[0];
    }

    private static void giveBack(Cache<String, Failures> cache, String key) {
        if (key == null) return;
        cache.asMap().computeIfPresent(key, (k, old) -> old.minusNewest());
    }

    /** Usernames differ in case only by mistake (or on purpose, to dodge the count): one key for all. */
    private static String userKey(String username) {
        return username == null ? null : username.toLowerCase(Locale.ROOT);
    }
}
