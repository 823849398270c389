package org.firehub.dashboards;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Interpolates a dashboard query as Grafana does before sending it: the datasource's macros
 * ({@code $timeFilter}, {@code $__interval}, {@code $__rate_interval}) and the dashboard's
 * template variables, in all three syntaxes ({@code $var}, {@code ${var}}, {@code [[var]]}).
 * A variable nobody defined is an error, as it would show up as a broken query in Grafana.
 */
final class GrafanaMacros {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\[\\[(\\w+)]]|\\$(\\w+)");
    /** The dashboard range the test pretends is selected (last hour) and its auto interval. */
    private static final Map<String, String> INFLUX_MACROS = Map.of("timeFilter", "time > now() - 1h", "__interval", "10s");
    private static final Map<String, String> PROMETHEUS_MACROS = Map.of(
            "__rate_interval", "1m", "__interval", "15s", "__range", "1h");

    private final Map<String, String> variables = new HashMap<>();

    /** A single-valued variable, e.g. {@code venue = 7}. */
    GrafanaMacros set(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /**
     * A multi-valued variable, as Grafana's InfluxDB datasource renders it (also for "All" without
     * a custom all value): the regex-escaped values as an alternation, {@code (a|b|c)}.
     */
    GrafanaMacros setMulti(String name, List<String> values) {
        variables.put(name, values.stream().map(GrafanaMacros::escapeRegex).collect(Collectors.joining("|", "(", ")")));
        return this;
    }

    String interpolate(PanelQuery query) {
        Map<String, String> macros = query.influx() ? INFLUX_MACROS : PROMETHEUS_MACROS;
        Matcher matcher = VARIABLE.matcher(query.text());
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            String value = macros.containsKey(name) ? macros.get(name) : variables.get(name);
            if (value == null) throw new IllegalArgumentException("undefined variable $" + name + " in " + query);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Grafana's regex escaping of variable values (the characters of its {@code escapeRegex}). */
    static String escapeRegex(String value) {
        return value.replaceAll("[\\\\^$*+?.()|{}\\[\\]/]", "\\\\$0");
    }
}
