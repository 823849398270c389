package org.firehub.tickets;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.firehub.people.Role;

/**
 * The closed loop's legal steps and who may take each, as one table (see docs/tickets.md).
 * Pure: no database, no clock; the store asks it before every change, and tests walk every
 * (state, target, role, assignee or not) through it. Scope (is the venue this person's?) is
 * decided before, by {@link org.firehub.people.AccessScope}; this class only knows roles.
 */
public final class TicketStateMachine {

    /** What a step needs in the request besides permission. */
    public enum Requirement { ASSIGNEE, NOTE }

    /** Who, besides the listed roles, may act: nobody extra, or the ticket's assignee only. */
    private enum Actor { ROLES, ASSIGNEE_ONLY, ASSIGNEE_OR_ROLES, ROLES_NOT_ASSIGNEE }

    private record Step(TicketState from, TicketState to, String action, Actor actor, Set<Role> roles,
                        Set<Requirement> requires) {}

    private static final Set<Role> OFFICIALS = EnumSet.of(Role.ADMIN, Role.SUPERVISOR);
    private static final Set<Role> INSPECTORS = EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.GRID_WORKER);

    private static final List<Step> STEPS = List.of(
            new Step(TicketState.OPEN, TicketState.DISPATCHED, "dispatch", Actor.ROLES, INSPECTORS,
                    EnumSet.of(Requirement.ASSIGNEE)),
            new Step(TicketState.DISPATCHED, TicketState.RECTIFYING, "accept", Actor.ASSIGNEE_ONLY, Set.of(),
                    EnumSet.noneOf(Requirement.class)),
            // A venue owner rectifies their own venue's hazard and may report it done themselves.
            new Step(TicketState.RECTIFYING, TicketState.SUBMITTED, "submit", Actor.ASSIGNEE_OR_ROLES,
                    EnumSet.of(Role.VENUE_OWNER), EnumSet.of(Requirement.NOTE)),
            // No self-verification: whoever was assigned the work never signs it off.
            new Step(TicketState.SUBMITTED, TicketState.CLOSED, "verify", Actor.ROLES_NOT_ASSIGNEE, OFFICIALS,
                    EnumSet.noneOf(Requirement.class)),
            new Step(TicketState.SUBMITTED, TicketState.RECTIFYING, "reject", Actor.ROLES_NOT_ASSIGNEE, OFFICIALS,
                    EnumSet.of(Requirement.NOTE)),
            cancel(TicketState.OPEN), cancel(TicketState.DISPATCHED), cancel(TicketState.RECTIFYING),
            cancel(TicketState.SUBMITTED));

    private TicketStateMachine() {}

    private static Step cancel(TicketState from) {
        return new Step(from, TicketState.CANCELLED, "cancel", Actor.ROLES, OFFICIALS, EnumSet.of(Requirement.NOTE));
    }

    /** May a person with {@code role} (the ticket's assignee or not) move a ticket from {@code from} to {@code to}? */
    public static TransitionDecision decide(TicketState from, TicketState to, Role role, boolean assignee) {
        Step step = step(from, to);
        if (step == null) return new TransitionDecision.Illegal(illegal(from, to));
        boolean byRole = step.roles.contains(role);
        boolean ok = switch (step.actor) {
            case ROLES -> byRole;
            case ASSIGNEE_ONLY -> assignee;
            case ASSIGNEE_OR_ROLES -> assignee || byRole;
            case ROLES_NOT_ASSIGNEE -> byRole && !assignee;
        };
        if (ok) return new TransitionDecision.Allowed();
        return new TransitionDecision.Forbidden(forbidden(step, role, assignee));
    }

    /** What the step from {@code from} to {@code to} needs in the request; empty for an illegal step. */
    public static Set<Requirement> requirements(TicketState from, TicketState to) {
        Step step = step(from, to);
        return step == null ? Set.of() : step.requires;
    }

    /** The audit action name of a legal step ({@code dispatch}, {@code accept}, ...). */
    public static String action(TicketState from, TicketState to) {
        Step step = step(from, to);
        if (step == null) throw new IllegalArgumentException(illegal(from, to));
        return step.action;
    }

    /** The states a ticket in {@code from} may move to, whoever asks. */
    public static Set<TicketState> targets(TicketState from) {
        return STEPS.stream().filter(s -> s.from == from).map(Step::to)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TicketState.class)));
    }

    private static Step step(TicketState from, TicketState to) {
        for (Step s : STEPS) {
            if (s.from == from && s.to == to) return s;
        }
        return null;
    }

    private static String illegal(TicketState from, TicketState to) {
        Set<TicketState> next = targets(from);
        return "a " + from + " ticket cannot move to " + to
                + (next.isEmpty() ? " (it is final)" : "; it can move to " + next.stream().map(Enum::name).collect(Collectors.joining(", ")));
    }

    private static String forbidden(Step step, Role role, boolean assignee) {
        String roles = step.roles.stream().map(Role::wireName).sorted().collect(Collectors.joining(" or "));
        String who = switch (step.actor) {
            case ROLES -> "a " + roles;
            case ASSIGNEE_ONLY -> "the ticket's assignee";
            case ASSIGNEE_OR_ROLES -> "the ticket's assignee or a " + roles;
            case ROLES_NOT_ASSIGNEE -> assignee && step.roles.contains(role)
                    ? "someone other than the assignee (no self-verification): a " + roles
                    : "a " + roles + " who is not the assignee";
        };
        return step.action + " (" + step.from + " → " + step.to + ") must be done by " + who;
    }
}
