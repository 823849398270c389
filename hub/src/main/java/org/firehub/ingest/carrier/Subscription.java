package org.firehub.ingest.carrier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One configured push subscription of a carrier platform: the URL segment
 * ({@code /api/v1/carriers/{platform}/{name}}), the shared secret that proves a push came from
 * the platform, how the platform's ids become firehub device ids, and which product mapping
 * applies (per platform product id, else the default).
 */
public record Subscription(String name, CarrierPlatform platform, String secret, DeviceIdTemplate deviceId,
                           ProductMapping defaultProduct, Map<String, ProductMapping> productsByPlatformId) {
    public Subscription {
        productsByPlatformId = Map.copyOf(productsByPlatformId);
    }

    public ProductMapping productFor(String platformProductId) {
        return Optional.ofNullable(platformProductId).map(productsByPlatformId::get).orElse(defaultProduct);
    }

    /** Constant-time comparison, so the time to refuse does not tell how much of a guess was right. */
    public boolean secretMatches(String presented) {
        if (presented == null) return false;
        return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code FIREHUB_CARRIER_<NAME>_SECRET}, the name upper-cased with every other character as '_'. */
    public static String secretVariable(String subscriptionName) {
        return "FIREHUB_CARRIER_" + subscriptionName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_SECRET";
    }

    @Override
    public String toString() {
        return "Subscription[" + platform.label() + "/" + name + "]";
    }
}
