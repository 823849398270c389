package org.firehub.tickets.figures;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/** A report as the API shows it: rates as fractions (4 decimals), hours with 2 decimals, null when undefined. */
public final class FigureJson {
    private FigureJson() {}

    public static JsonObject toJson(FigureReport report) {
        JsonArray rows = new JsonArray();
        report.rows().forEach(r -> rows.add(row(r, report.by())));
        return new JsonObject().put("by", report.by().wireName()).put("from", report.period().from().toString())
                .put("to", report.period().to().toString()).put("generatedAt", report.generatedAt().toString())
                .put("rows", rows).put("total", row(report.total(), report.by()));
    }

    static JsonObject row(FigureRow r, FigureGrouping by) {
        JsonObject json = new JsonObject().put("group", r.group().orElse(null));
        if (by == FigureGrouping.VENUE) json.put("name", r.name().orElse(null));
        return json.put("opened", r.opened()).put("closed", r.closed()).put("cancelled", r.cancelled())
                .put("closureRate", rounded(r.closureRate(), 4))
                .put("timeToClose", new JsonObject().put("medianHours", rounded(r.medianHoursToClose(), 2))
                        .put("p90Hours", rounded(r.p90HoursToClose(), 2)))
                .put("overdueNow", r.overdueNow()).put("escalated", r.escalated());
    }

    /** Half-up to {@code decimals} places; null when the figure is undefined (nothing to divide or rank). */
    static Double rounded(OptionalDouble value, int decimals) {
        if (value.isEmpty()) return null;
        return BigDecimal.valueOf(value.getAsDouble()).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
