package org.firehub.tickets.escalation;

/**
 * What one scan did.
 *
 * @param escalated tickets escalated by this run (those another node or run took are not counted)
 * @param withoutLeader of those, how many had no (enabled) grid leader to go to
 * @param failed tickets whose escalation failed; they stay unescalated and are tried again next run
 * @param batchFull true when the scan found a full batch, so more may be waiting for the next run
 */
public record EscalationRun(int escalated, int withoutLeader, int failed, boolean batchFull) {}
