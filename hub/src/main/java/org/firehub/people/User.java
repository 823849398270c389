package org.firehub.people;

/** A stored user; {@code passwordHash} is an Argon2id encoded hash, never a password. */
public record User(long id, String username, String passwordHash, Role role, String grid) {

    public Principal principal() {
        return new Principal(id, username, role, grid);
    }

    @Override
    public String toString() {
        return "User[" + id + ", " + username + ", " + role.wireName() + "]";
    }
}
