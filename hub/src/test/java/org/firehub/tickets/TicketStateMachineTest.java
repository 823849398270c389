package org.firehub.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.firehub.people.Role;
import org.firehub.tickets.TicketStateMachine.Requirement;
import org.junit.jupiter.api.Test;

/**
 * Every (state, target, role, assignee or not) against a table written out here by hand from
 * docs/tickets.md, not derived from the class under test.
 */
class TicketStateMachineTest {
    /** "from to: actors allowed"; an actor is a role's wire name, "+" when they are the ticket's assignee. */
    private static final List<String> LEGAL = List.of(
            "OPEN DISPATCHED: admin admin+ supervisor supervisor+ grid_worker grid_worker+",
            "DISPATCHED RECTIFYING: admin+ supervisor+ grid_worker+ venue_owner+",
            "RECTIFYING SUBMITTED: admin+ supervisor+ grid_worker+ venue_owner venue_owner+",
            "SUBMITTED CLOSED: admin supervisor",
            "SUBMITTED RECTIFYING: admin supervisor",
            "OPEN CANCELLED: admin admin+ supervisor supervisor+",
            "DISPATCHED CANCELLED: admin admin+ supervisor supervisor+",
            "RECTIFYING CANCELLED: admin admin+ supervisor supervisor+",
            "SUBMITTED CANCELLED: admin admin+ supervisor supervisor+");

    private enum Outcome { ALLOWED, FORBIDDEN, ILLEGAL }

    @Test
    void everyStateTargetRoleAndAssigneeIsDecidedAsTheTableSays() {
        Map<String, Set<String>> legal = new HashMap<>();
        for (String line : LEGAL) {
            String[] parts = line.split(":");
            legal.put(parts[0].strip(), Set.of(parts[1].strip().split(" ")));
        }
        int checked = 0;
        for (TicketState from : TicketState.values()) {
            for (TicketState to : TicketState.values()) {
                Set<String> allowed = legal.get(from + " " + to);
                for (Role role : Role.values()) {
                    for (boolean assignee : new boolean[] {false, true}) {
                        String actor = role.wireName() + (assignee ? "+" : "");
                        Outcome expected = allowed == null ? Outcome.ILLEGAL
                                : allowed.contains(actor) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
                        TransitionDecision decision = TicketStateMachine.decide(from, to, role, assignee);
                        Outcome actual = switch (decision) {
                            case TransitionDecision.Allowed a -> Outcome.ALLOWED;
                            case TransitionDecision.Forbidden f -> Outcome.FORBIDDEN;
                            case TransitionDecision.Illegal i -> Outcome.ILLEGAL;
                        };
                        assertThat(actual).as("%s -> %s by %s", from, to, actor).isEqualTo(expected);
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(6 * 6 * 4 * 2);
    }

    @Test
    void refusalsSayWhatWouldBeAllowed() {
        assertThat(TicketStateMachine.decide(TicketState.OPEN, TicketState.CLOSED, Role.ADMIN, false))
                .isEqualTo(new TransitionDecision.Illegal("a OPEN ticket cannot move to CLOSED; it can move to DISPATCHED, CANCELLED"));
        assertThat(TicketStateMachine.decide(TicketState.CLOSED, TicketState.OPEN, Role.ADMIN, false))
                .isEqualTo(new TransitionDecision.Illegal("a CLOSED ticket cannot move to OPEN (it is final)"));
        assertThat(((TransitionDecision.Forbidden) TicketStateMachine.decide(TicketState.SUBMITTED, TicketState.CLOSED,
                Role.SUPERVISOR, true)).reason()).contains("no self-verification");
        assertThat(((TransitionDecision.Forbidden) TicketStateMachine.decide(TicketState.DISPATCHED, TicketState.RECTIFYING,
                Role.ADMIN, false)).reason()).contains("the ticket's assignee");
    }

    @Test
    void stepsNeedWhatTheLoopPromises() {
        assertThat(TicketStateMachine.requirements(TicketState.OPEN, TicketState.DISPATCHED)).containsExactly(Requirement.ASSIGNEE);
        assertThat(TicketStateMachine.requirements(TicketState.DISPATCHED, TicketState.RECTIFYING)).isEmpty();
        assertThat(TicketStateMachine.requirements(TicketState.RECTIFYING, TicketState.SUBMITTED)).containsExactly(Requirement.NOTE);
        assertThat(TicketStateMachine.requirements(TicketState.SUBMITTED, TicketState.CLOSED)).isEmpty();
        assertThat(TicketStateMachine.requirements(TicketState.SUBMITTED, TicketState.RECTIFYING)).containsExactly(Requirement.NOTE);
        for (TicketState from : List.of(TicketState.OPEN, TicketState.DISPATCHED, TicketState.RECTIFYING, TicketState.SUBMITTED)) {
            assertThat(TicketStateMachine.requirements(from, TicketState.CANCELLED)).as(from.name()).containsExactly(Requirement.NOTE);
        }
        assertThat(TicketStateMachine.targets(TicketState.CLOSED)).isEmpty();
        assertThat(TicketStateMachine.targets(TicketState.CANCELLED)).isEmpty();
    }
}
