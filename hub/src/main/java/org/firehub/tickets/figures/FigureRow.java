package org.firehub.tickets.figures;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One group's figures over the tickets opened in the period.
 *
 * @param group the group's key (grid code, venue id, hazard, severity); empty for the total row
 * @param name the venue's name when grouped by venue
 * @param closed of those, how many are CLOSED now
 * @param cancelled of those, how many are CANCELLED now (false alarms: not counted against the rate)
 * @param closureRate closed / (opened − cancelled); empty when that is zero
 * @param medianHoursToClose median of created → closed of the closed ones, in hours; empty when none closed
 * @param p90HoursToClose the 90th percentile of the same (interpolated, like {@code percentile_cont})
 * @param overdueNow of those, how many are open and past due at the moment of the report
 * @param escalated of those, how many were ever escalated
 */
public record FigureRow(Optional<String> group, Optional<String> name, long opened, long closed, long cancelled,
                        OptionalDouble closureRate, OptionalDouble medianHoursToClose, OptionalDouble p90HoursToClose,
                        long overdueNow, long escalated) {

    public boolean isTotal() {
        return group.isEmpty();
    }
}
