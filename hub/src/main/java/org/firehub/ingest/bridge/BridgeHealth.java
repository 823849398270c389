package org.firehub.ingest.bridge;

import java.time.Instant;
import java.util.Optional;

/**
 * What /health can say about one bridge: whether it is connected and subscribed right now, and
 * the last thing that went wrong with its broker (kept after a recovery, for the operator).
 */
public record BridgeHealth(String name, String serverUri, boolean connected, Optional<String> lastError,
                           Optional<Instant> lastErrorAt) {}
