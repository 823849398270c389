package org.firehub.tickets.web;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.firehub.people.Principal;
import org.firehub.registry.FieldProblem;
import org.firehub.registry.InvalidInput;
import org.firehub.rules.Severity;
import org.firehub.tickets.PatrolFinding;
import org.firehub.tickets.TicketQuery;
import org.firehub.tickets.TicketState;
import org.firehub.tickets.TransitionRequest;
import org.firehub.web.RequestBodies;

/** Query strings and bodies of the ticket API, read strictly: every bad field is named. */
final class TicketRequests {
    private TicketRequests() {}

    /** {@code state=OPEN,DISPATCHED&venueId=&grid=&assignee=me|{id}&hazard=&severity=&overdue=true&limit=}. */
    static TicketQuery query(MultiMap params, Principal who) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<TicketState> states = EnumSet.noneOf(TicketState.class);
        String state = params.get("state");
        if (state != null && !state.isBlank()) {
            for (String s : state.split(",")) {
                TicketState.parse(s.strip().toUpperCase()).ifPresentOrElse(states::add,
                        () -> problems.add(new FieldProblem("state", "unknown state '" + s.strip() + "'")));
            }
        }
        Optional<Long> venueId = number(params.get("venueId"), "venueId", problems);
        Optional<Long> assignee = "me".equals(params.get("assignee")) ? Optional.of(who.userId())
                : number(params.get("assignee"), "assignee", problems);
        Optional<Severity> severity = Optional.ofNullable(params.get("severity")).flatMap(s -> {
            Optional<Severity> parsed = Severity.fromWireName(s);
            if (parsed.isEmpty()) problems.add(new FieldProblem("severity", "must be minor, major or critical"));
            return parsed;
        });
        String overdue = params.get("overdue");
        if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
            problems.add(new FieldProblem("overdue", "must be true or false"));
        }
        int limit = number(params.get("limit"), "limit", problems).map(Long::intValue).orElse(TicketQuery.DEFAULT_LIMIT);
        if (limit < 1 || limit > TicketQuery.MAX_LIMIT) problems.add(new FieldProblem("limit", "must be 1.." + TicketQuery.MAX_LIMIT));
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        return new TicketQuery(states, venueId, Optional.ofNullable(params.get("grid")), assignee,
                Optional.ofNullable(params.get("hazard")), severity, "true".equals(overdue), limit);
    }

    static PatrolFinding patrol(JsonObject body) {
        List<FieldProblem> problems = new ArrayList<>();
        Long venueId = RequestBodies.wholeNumber(body, "venueId", problems);
        if (venueId == null && problems.isEmpty()) problems.add(new FieldProblem("venueId", "is required"));
        String deviceId = RequestBodies.string(body, "deviceId", problems);
        String hazard = RequestBodies.requiredString(body, "hazard", problems);
        String severityName = RequestBodies.requiredString(body, "severity", problems);
        Optional<Severity> severity = Optional.ofNullable(severityName).flatMap(Severity::fromWireName);
        if (severityName != null && severity.isEmpty()) problems.add(new FieldProblem("severity", "must be minor, major or critical"));
        String note = RequestBodies.string(body, "note", problems);
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        return new PatrolFinding(venueId, Optional.ofNullable(deviceId), hazard, severity.orElseThrow(), Optional.ofNullable(note));
    }

    static TransitionRequest transition(JsonObject body, Optional<String> sourceAddress) {
        List<FieldProblem> problems = new ArrayList<>();
        String to = RequestBodies.requiredString(body, "to", problems);
        Optional<TicketState> state = Optional.ofNullable(to).flatMap(TicketState::parse);
        if (to != null && state.isEmpty()) problems.add(new FieldProblem("to", "unknown state '" + to + "'"));
        String note = RequestBodies.string(body, "note", problems);
        Long assignee = RequestBodies.wholeNumber(body, "assignee", problems);
        Long version = RequestBodies.wholeNumber(body, "version", problems);
        String deadlineText = RequestBodies.string(body, "deadline", problems);
        Optional<Instant> deadline = Optional.empty();
        if (deadlineText != null) {
            try {
                deadline = Optional.of(Instant.parse(deadlineText));
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("deadline", "must be an ISO-8601 instant like 2026-05-01T12:00:00Z"));
            }
        }
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        return new TransitionRequest(state.orElseThrow(), Optional.ofNullable(note), Optional.ofNullable(assignee), deadline,
                Optional.ofNullable(version).map(Long::intValue), sourceAddress);
    }

    private static Optional<Long> number(String text, String field, List<FieldProblem> problems) {
        if (text == null || text.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be a whole number"));
            return Optional.empty();
        }
    }
}
