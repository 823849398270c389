package org.firehub.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A share of all messages leave malformed (truncated JSON, not JSON, readings not an object,
 * an unknown reading name, a non-numeric reading): the hub must reject and count each, and keep
 * the connection serving the good ones.
 */
final class BadPayloads implements Scenario {
    private final double share;

    BadPayloads(double share) {
        this.share = share;
    }

    @Override public String name() { return "bad-payloads"; }

    @Override public void choose(Fleet fleet, List<SimDevice> running, RandomGenerator random) { }

    @Override public boolean involves(SimDevice device) { return false; }

    @Override
    public void shape(SimDevice device, long tick, Message message, RandomGenerator random) {
        if (random.nextDouble() < share) message.malformed = true;
    }

    /** One of five corruptions of a well-formed body. */
    static byte[] corrupt(byte[] body, RandomGenerator random) {
        String json = new String(body, StandardCharsets.UTF_8);
        String bad = switch (random.nextInt(5)) {
            case 0 -> json.substring(0, Math.max(1, json.length() / 2));
            case 1 -> "not json at all \u0000\u0001";
            case 2 -> json.replaceFirst("\"readings\":\\{[^}]*}", "\"readings\":[1,2,3]");
            case 3 -> json.replaceFirst("\"readings\":\\{", "\"readings\":{\"no_such_reading\":1.0,");
            default -> {
                String replaced = json.replaceFirst("(\"readings\":\\{\"[a-z0-9_]+\":)[-0-9.eE]+", "$1\"hot\"");
                yield replaced.equals(json) ? "{\"ts\":" : replaced;
            }
        };
        return bad.getBytes(StandardCharsets.UTF_8);
    }
}
