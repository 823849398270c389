package org.firehub.people;

/** Who makes an administrative change and from where: what every security audit entry names. */
public record Actor(Principal principal, String sourceAddress) {

    public SecurityEvent event(String action, String subject) {
        return SecurityEvent.of(principal, action, subject, sourceAddress);
    }
}
