package org.firehub.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.firehub.rules.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks of {@code config/notifications.yaml} and the retry delays. Secrets never sit in
 * the file: each enabled webhook's comes from {@code FIREHUB_WEBHOOK_<NAME>_SECRET} (environment
 * or hub config), and a webhook without one refuses the start, because an operator who listed a
 * gateway expects it to be told about fires. Any other mistake (unknown key, bad URL, unknown
 * type or severity) refuses the start too, with the file, webhook and key named. No file: no
 * webhooks.
 */
public record NotificationsConfig(RetryPolicy retry, List<Webhook> webhooks) {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationsConfig.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Set<String> TOP_KEYS = Set.of("webhooks", "retry");
    private static final Set<String> RETRY_KEYS = Set.of("first_delay", "max_delay");
    private static final Set<String> WEBHOOK_KEYS =
            Set.of("name", "url", "types", "grids", "min_severity", "timeout", "max_attempts", "enabled");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_ATTEMPTS = 10;

    public NotificationsConfig {
        webhooks = List.copyOf(webhooks);
    }

    public static NotificationsConfig none() {
        return new NotificationsConfig(RetryPolicy.DEFAULT, List.of());
    }

    /**
     * Reads the file. {@code env} answers config keys (the hub's {@code config::get}, or
     * {@code System::getenv}); null means unset.
     *
     * @throws IOException naming the file and the problem when the file is unreadable or wrong
     */
    public static NotificationsConfig load(Path file, Function<String, String> env) throws IOException {
        if (!Files.exists(file)) {
            LOG.info("{} not found: no outbound notifications", file);
            return none();
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        try {
            return parse(root, env);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static NotificationsConfig parse(JsonNode root, Function<String, String> env) {
        if (root == null || root.isNull() || root.isMissingNode()) return none();
        if (!root.isObject()) throw new IllegalArgumentException("expected keys 'webhooks' and 'retry' at the top, found " + root.getNodeType());
        onlyKeys(root, TOP_KEYS, "the top level");
        RetryPolicy retry = retry(root.get("retry"));
        JsonNode list = root.get("webhooks");
        if (list == null || list.isNull()) return new NotificationsConfig(retry, List.of());
        if (!list.isArray()) throw new IllegalArgumentException("'webhooks' must be a list");
        List<Webhook> webhooks = new ArrayList<>();
        List<Function<Function<String, String>, Webhook>> withSecret = new ArrayList<>();
        Map<String, String> nameBySecretVariable = new HashMap<>();
        int index = 0;
        for (JsonNode node : list) {
            index++;
            if (!node.isObject()) throw new IllegalArgumentException("webhook #" + index + " must be a map of keys");
            String name = requiredText(node, "name", "webhook #" + index);
            String where = "webhook '" + name + "'";
            if (!NAME.matcher(name).matches()) throw new IllegalArgumentException(where + ": name must match [A-Za-z0-9_-]{1,64}");
            String variable = Webhook.secretVariable(name);
            String clash = nameBySecretVariable.put(variable, name);
            if (clash != null) {
                throw new IllegalArgumentException(where + ": defined twice (or clashes with '" + clash + "': both read " + variable + ")");
            }
            if (node.has("secret")) {
                throw new IllegalArgumentException(where + ": secrets do not belong in this file; set " + variable + " instead");
            }
            onlyKeys(node, WEBHOOK_KEYS, where);
            webhook(node, name, where).ifPresent(withSecret::add);
        }
        // Secrets last, so a mistake in the file is reported before a missing environment variable.
        for (Function<Function<String, String>, Webhook> build : withSecret) webhooks.add(build.apply(env));
        return new NotificationsConfig(retry, webhooks);
    }

    /** The webhook, checked, waiting for its secret; empty when disabled. */
    private static Optional<Function<Function<String, String>, Webhook>> webhook(JsonNode node, String name, String where) {
        URI url = url(requiredText(node, "url", where), where);
        Set<String> types = types(node.get("types"), where);
        Optional<Set<String>> grids = grids(node.get("grids"), where);
        Severity minSeverity = Optional.ofNullable(node.get("min_severity"))
                .map(v -> Severity.fromWireName(v.asText()).orElseThrow(() -> new IllegalArgumentException(
                        where + ": min_severity '" + v.asText() + "' is not one of minor, major, critical")))
                .orElse(Severity.MINOR);
        Duration timeout = duration(node.get("timeout"), where + ": timeout", DEFAULT_TIMEOUT);
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException(where + ": timeout must be between 100ms and 5m, got " + node.get("timeout").asText());
        }
        int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        JsonNode attempts = node.get("max_attempts");
        if (attempts != null) {
            if (!attempts.canConvertToInt() || !attempts.isIntegralNumber() || attempts.asInt() < 1 || attempts.asInt() > 100) {
                throw new IllegalArgumentException(where + ": max_attempts must be a whole number from 1 to 100, got " + attempts.asText());
            }
            maxAttempts = attempts.asInt();
        }
        JsonNode enabled = node.get("enabled");
        if (enabled != null && !enabled.isBoolean()) throw new IllegalArgumentException(where + ": enabled must be true or false");
        if (enabled != null && !enabled.booleanValue()) {
            LOG.info("{} is disabled in the config", where);
            return Optional.empty();
        }
        int attemptLimit = maxAttempts;
        return Optional.of(env -> {
            String secret = env.apply(Webhook.secretVariable(name));
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException(where + ": no secret; set " + Webhook.secretVariable(name)
                        + " (or set enabled: false)");
            }
            return new Webhook(name, url, types, grids, minSeverity, timeout, attemptLimit, secret);
        });
    }

    private static RetryPolicy retry(JsonNode node) {
        if (node == null || node.isNull()) return RetryPolicy.DEFAULT;
        if (!node.isObject()) throw new IllegalArgumentException("'retry' must be a map with first_delay and max_delay");
        onlyKeys(node, RETRY_KEYS, "retry");
        Duration first = duration(node.get("first_delay"), "retry: first_delay", RetryPolicy.DEFAULT.firstDelay());
        Duration max = duration(node.get("max_delay"), "retry: max_delay", RetryPolicy.DEFAULT.maxDelay());
        if (first.isZero()) throw new IllegalArgumentException("retry: first_delay must be more than 0");
        if (max.compareTo(first) < 0) throw new IllegalArgumentException("retry: max_delay is shorter than first_delay");
        return new RetryPolicy(first, max);
    }

    private static URI url(String text, String where) {
        try {
            URI url = new URI(text);
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException(where + ": url '" + text + "' must be an absolute http:// or https:// URL");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + ": url '" + text + "' is not a URL: " + e.getReason());
        }
    }

    private static Set<String> types(JsonNode node, String where) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(where + ": 'types' must be a non-empty list, e.g. [alarm.raised, alarm.cleared]");
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode t : node) {
            if (!t.isTextual() || !NotificationTypes.isValidPattern(t.asText())) {
                throw new IllegalArgumentException(where + ": unknown notification type '" + t.asText()
                        + "'; known: " + String.join(", ", NotificationTypes.known()) + " (or a family such as alarm.*)");
            }
            types.add(t.asText());
        }
        return types;
    }

    /** {@code all}, or a non-empty list of grid names. */
    private static Optional<Set<String>> grids(JsonNode node, String where) {
        if (node != null && node.isTextual() && node.asText().equals("all")) return Optional.empty();
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(where + ": 'grids' must be 'all' or a non-empty list of grid names");
        }
        Set<String> grids = new LinkedHashSet<>();
        for (JsonNode g : node) {
            if (!g.isValueNode() || g.asText().isBlank()) throw new IllegalArgumentException(where + ": grids holds a blank or nested entry");
            grids.add(g.asText());
        }
        return Optional.of(grids);
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}. */
    static Duration duration(JsonNode node, String what, Duration fallback) {
        if (node == null || node.isNull()) return fallback;
        Matcher m = DURATION.matcher(node.asText().strip());
        if (!node.isTextual() || !m.matches()) {
            throw new IllegalArgumentException(what + " '" + node.asText() + "' is not a duration such as 500ms, 10s, 5m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static String requiredText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is required");
        }
        return value.asText();
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }
}
