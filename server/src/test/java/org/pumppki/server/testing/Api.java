package org.pumppki.server.testing;

import io.quarkus.arc.Arc;
import io.restassured.specification.RequestSpecification;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.account.UserAccounts;

/** REST Assured requests signed in as a user with exactly one role, created on first use. */
public final class Api {

    /** The password of every per-role test user. */
    public static final String PASSWORD = "test-password-for-role";
    private static final Map<Role, String> USERS = new ConcurrentHashMap<>();

    private Api() {
    }

    /**
     * The header an API client sends so that calls without a body (hold, quarantine, make-default)
     * cannot be mistaken for a cross-site form.
     */
    public static final String REQUESTED_BY = "X-Requested-By";

    /** A request to the admin API over HTTPS, signed in with the role, as a script sends it. */
    public static RequestSpecification as(Role role) {
        String username = username(role);
        return anonymous().auth().preemptive().basic(username, PASSWORD);
    }

    /** The user name of the test user with exactly this role, created on first use. */
    public static String username(Role role) {
        return USERS.computeIfAbsent(role, Api::ensureUser);
    }

    /** A request to the admin API over HTTPS, without credentials, as a script sends it. */
    public static RequestSpecification anonymous() {
        return Https.given().header(REQUESTED_BY, "pumppki-tests");
    }

    private static String ensureUser(Role role) {
        String username = "test-" + role.roleName();
        UserAccounts accounts = Arc.container().instance(UserAccounts.class).get();
        try {
            accounts.create(Actor.system("test"), username, PASSWORD, EnumSet.of(role));
        } catch (PkiException alreadyThere) {
            // Another test JVM run against the same external database created it.
        }
        return username;
    }
}
