package org.firehub.ingest;

/**
 * Makes device-supplied text safe to put into a rejection detail and a log line: bounded in
 * length and free of control or non-ASCII characters, so a device cannot forge log lines or
 * make us echo kilobytes of its own input.
 */
public final class DetailText {
    /** Longest piece of device input a detail repeats. */
    public static final int MAX_ECHO = 64;

    private DetailText() {}

    /** The text in single quotes, cut at {@link #MAX_ECHO} characters (marked with "…"). */
    public static String quote(String untrusted) {
        if (untrusted == null) return "null";
        int length = Math.min(untrusted.length(), MAX_ECHO);
        StringBuilder out = new StringBuilder(length + 3).append('\'');
        for (int i = 0; i < length; i++) {
            char c = untrusted.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
        }
        if (untrusted.length() > MAX_ECHO) out.append('…');
        return out.append('\'').toString();
    }

    /** Text (a library's error message, a peer name) bounded the same way, without quotes. */
    public static String bounded(String text, int max) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > max) out.append('…');
        return out.toString();
    }
}
