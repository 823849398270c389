package org.firehub.rules.catalogue;

/** Numbers written back the way an operator wrote them: {@code 300}, not {@code 300.0}. */
final class YamlNumbers {
    private YamlNumbers() {}

    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
