package org.firehub.device;

import java.util.regex.Pattern;

/** A device's identity as the wire contract defines it: {@code [A-Za-z0-9_-]{1,64}}. */
public record DeviceId(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public DeviceId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("device id must match [A-Za-z0-9_-]{1,64}: " + abbreviate(value));
        }
    }

    public static boolean isValid(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches();
    }

    private static String abbreviate(String value) {
        if (value == null) return "null";
        return value.length() <= 80 ? '"' + value + '"' : '"' + value.substring(0, 80) + "…\"";
    }

    @Override
    public String toString() {
        return value;
    }
}
