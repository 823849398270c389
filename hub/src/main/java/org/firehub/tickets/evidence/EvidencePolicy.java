package org.firehub.tickets.evidence;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code evidence:} section of {@code config/tickets.yaml}: whether a submission needs a
 * photo, the limits on photos, and which hazards close only on device evidence.
 *
 * @param maxPhotoBytes larger uploads are refused (413) before anything is decoded
 * @param maxPhotoPixels width × height read from the header; larger is refused before decoding
 *                       (a 50 KB PNG can claim 100 000 × 100 000 pixels and need 40 GB to decode)
 * @param photoWorkers how many photos are decoded at once (each can take ~4 bytes per pixel of heap)
 */
public record EvidencePolicy(boolean photoRequiredOnSubmit, int maxPhotoBytes, long maxPhotoPixels, int photoWorkers,
                             Map<String, ClosureRule> closure) {
    public static final int DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    public EvidencePolicy {
        closure = Map.copyOf(closure);
        if (maxPhotoBytes < 1024) throw new IllegalArgumentException("evidence.photo_max_mib is too small");
        if (maxPhotoPixels < 1) throw new IllegalArgumentException("evidence.photo_max_megapixels must be positive");
        if (photoWorkers < 1 || photoWorkers > 16) throw new IllegalArgumentException("evidence.photo_workers must be 1..16");
    }

    /** Photo required on submit, 8 MiB, 40 MP, 2 decoders, no device-evidence rules. */
    public static EvidencePolicy defaults() {
        return new EvidencePolicy(true, DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, 2, Map.of());
    }

    public Optional<ClosureRule> closureRule(String hazard) {
        return Optional.ofNullable(closure.get(hazard));
    }
}
