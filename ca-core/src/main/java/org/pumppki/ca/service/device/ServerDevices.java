package org.pumppki.ca.service.device;

import org.pumppki.ca.domain.DeviceKind;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.Failure;
import org.pumppki.ca.service.PkiException;

/**
 * Pump servers and RADIUS servers get serverAuth certificates that every pump and RADIUS client
 * trusts, so registering one, changing its host names, giving it an enrollment code and certifying
 * it are an administrator's acts. The system itself (scheduler) and a device over EST, which act
 * without a person's roles, are not stopped here: an administrator already approved the server.
 */
public final class ServerDevices {

    private ServerDevices() {
    }

    /** Whether {@code actor} may register, change or certify a device of this kind. */
    public static boolean mayAdminister(Actor actor, DeviceKind kind) {
        return kind == DeviceKind.PUMP || actor.roles().isEmpty() || actor.hasRole(Role.Names.ADMIN);
    }

    /** @throws PkiException {@link Failure#FORBIDDEN} if a person without the admin role acts on a server */
    public static void requireAdministrator(Actor actor, DeviceKind kind, String act) {
        if (!mayAdminister(actor, kind)) {
            throw new PkiException(Failure.FORBIDDEN, "server-needs-admin", "Only an administrator may " + act + " a "
                    + kind.label() + ": its certificate is trusted as a server by the whole fleet.");
        }
    }
}
