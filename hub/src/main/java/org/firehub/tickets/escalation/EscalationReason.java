package org.firehub.tickets.escalation;

/** Why a ticket escalated: rectification past its deadline, or a submitted one not verified in time. */
public enum EscalationReason {
    DEADLINE("deadline"),
    VERIFICATION("verification");

    private final String wireName;

    EscalationReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
