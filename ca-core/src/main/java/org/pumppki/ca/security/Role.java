package org.pumppki.ca.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do. The names are the role strings used in {@code @RolesAllowed}, in the
 * database and in the API.
 */
public enum Role {
    /** The CA itself and user administration. */
    ADMIN(Names.ADMIN),
    /** Devices, enrollment, renewal and revocation of device certificates. */
    BIOMED(Names.BIOMED),
    /** Read-only, including the audit log. */
    AUDITOR(Names.AUDITOR);

    /** Compile-time constants for annotations such as {@code @RolesAllowed(Role.Names.ADMIN)}. */
    public static final class Names {
        public static final String ADMIN = "admin";
        public static final String BIOMED = "biomed";
        public static final String AUDITOR = "auditor";

        private Names() {
        }
    }

    private final String roleName;

    Role(String roleName) {
        this.roleName = roleName;
    }

    public String roleName() {
        return roleName;
    }

    public static Optional<Role> fromName(String name) {
        String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.roleName.equals(normalized)).findFirst();
    }

    @Override
    public String toString() {
        return roleName;
    }
}
