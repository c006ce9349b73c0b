package org.pumppki.server;

import java.util.Objects;

/** A PostgreSQL role and its password. Its string form names the role only. */
public record DatabaseLogin(String username, String password) {

    public DatabaseLogin {
        Objects.requireNonNull(username, "username");
    }

    @Override
    public String toString() {
        return "DatabaseLogin[" + username + "]";
    }
}
