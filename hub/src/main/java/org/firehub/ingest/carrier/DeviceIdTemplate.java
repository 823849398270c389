package org.firehub.ingest.carrier;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.firehub.device.DeviceId;

/**
 * How a platform's identifiers become a firehub device id, e.g. {@code nb-{imei}} or
 * {@code {deviceId}}. Placeholders: {@code imei}, {@code deviceId} (the platform's own id),
 * {@code productId}. Empty when a placeholder has no value or the result is not a valid id.
 */
public record DeviceIdTemplate(String pattern) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");

    public DeviceIdTemplate {
        if (pattern == null || !PLACEHOLDER.matcher(pattern).find()) {
            throw new IllegalArgumentException("device_id template needs a placeholder such as {imei}: " + pattern);
        }
    }

    public Optional<DeviceId> resolve(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null || value.isEmpty()) return Optional.empty();
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        String id = out.toString();
        return DeviceId.isValid(id) ? Optional.of(new DeviceId(id)) : Optional.empty();
    }
}
