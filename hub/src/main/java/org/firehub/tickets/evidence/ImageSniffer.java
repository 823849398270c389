package org.firehub.tickets.evidence;

import java.util.Optional;

/**
 * What an upload is, by its first bytes. The client's Content-Type and file name are not asked:
 * an HTML page sent as {@code image/jpeg} is still an HTML page.
 */
final class ImageSniffer {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageSniffer() {}

    /** {@code image/jpeg}, {@code image/png}, or empty for anything else. */
    static Optional<String> sniff(byte[] data) {
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (data.length >= PNG.length) {
            for (int i = 0; i < PNG.length; i++) {
                if (data[i] != PNG[i]) return Optional.empty();
            }
            return Optional.of("image/png");
        }
        return Optional.empty();
    }
}
