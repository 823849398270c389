package org.firehub.tickets.figures;

import java.time.Instant;
import java.util.List;

/** A figures report: the groups (ordered by key) and the total over all of them. */
public record FigureReport(FigureGrouping by, FigurePeriod period, Instant generatedAt, List<FigureRow> rows, FigureRow total) {
    public FigureReport {
        rows = List.copyOf(rows);
    }
}
