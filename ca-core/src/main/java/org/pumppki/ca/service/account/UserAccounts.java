package org.pumppki.ca.service.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.Failure;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.store.UserAccount;
import org.pumppki.ca.store.UserAccountRepository;

/** Accounts of people: creation, password checks and changes. */
@ApplicationScoped
public class UserAccounts {

    private final UserAccountRepository repository;
    private final AuditLog auditLog;
    private final PasswordPolicy passwordPolicy;
    private final Clock clock;
    private final int bcryptCost;
    /**
     * Compared against when the user does not exist, so that timing does not reveal user names.
     * Made at the first sign-in rather than at start-up, where a bcrypt hash is a noticeable share.
     */
    private volatile String decoyHash;
    private final VerifiedPasswords verifiedPasswords = new VerifiedPasswords(Duration.ofMinutes(5));
    private final jakarta.enterprise.event.Event<PasswordChanged> passwordChanged;

    UserAccounts(UserAccountRepository repository, PasswordPolicy passwordPolicy, Clock clock, PkiConfig config,
            AuditLog auditLog, jakarta.enterprise.event.Event<PasswordChanged> passwordChanged) {
        this.repository = repository;
        this.passwordChanged = passwordChanged;
        this.auditLog = auditLog;
        this.passwordPolicy = passwordPolicy;
        this.clock = clock;
        this.bcryptCost = config.security().bcryptCost();
    }

    /** The account's roles if the password matches an enabled account. */
    @Transactional
    public Optional<Set<Role>> verify(String username, String password) {
        Optional<UserAccount> account = repository.findByUsername(normalize(username));
        if (password == null) {
            return Optional.empty();
        }
        String hash = account.map(a -> a.passwordHash).orElseGet(this::decoyHash);
        Instant now = clock.instant();
        boolean matches = verifiedPasswords.isKnownMatch(hash, password, now) || BcryptUtil.matches(password, hash);
        if (matches && account.isPresent()) {
            verifiedPasswords.rememberMatch(hash, password, now);
        }
        return account.filter(a -> matches && a.enabled).map(a -> EnumSet.copyOf(a.roles));
    }

    private String decoyHash() {
        String decoy = decoyHash;
        if (decoy == null) {
            decoy = BcryptUtil.bcryptHash("decoy-password-never-valid", bcryptCost);
            decoyHash = decoy;
        }
        return decoy;
    }

    /** The roles of an enabled account, for a session that signed in earlier; empty when it is gone or disabled. */
    @Transactional
    public Optional<Set<Role>> rolesOf(String username) {
        return repository.findByUsername(normalize(username)).filter(a -> a.enabled && !a.roles.isEmpty())
                .map(a -> EnumSet.copyOf(a.roles));
    }

    /** Creates an account on behalf of an administrator, audited. */
    @Transactional
    public UserAccount create(Actor actor, String username, String password, Set<Role> roles) {
        UserAccount account = createAccount(username, password, roles);
        auditLog.record(actor, AuditAction.USER_CREATED, account.username,
                Map.of("roles", account.roles.stream().map(Role::roleName).sorted().toList()));
        return account;
    }

    /** Removes an account; the last administrator cannot be removed, nor can callers remove themselves. */
    @Transactional
    public void delete(Actor actor, String username) {
        repository.lockAdministrators();
        UserAccount account = find(username);
        if (account.username.equals(actor.name())) {
            throw PkiException.conflict("cannot-delete-self", "You cannot delete your own account.");
        }
        if (account.roles.contains(Role.ADMIN) && repository.countWithRole(Role.ADMIN) == 1) {
            throw PkiException.conflict("last-admin", "The last administrator cannot be deleted.");
        }
        repository.delete(account);
        auditLog.record(actor, AuditAction.USER_DELETED, account.username, Map.of());
    }

    /** Changes the caller's own password after checking the current one. */
    @Transactional
    public void changeOwnPassword(Actor actor, String currentPassword, String newPassword) {
        if (currentPassword == null || newPassword == null) {
            throw PkiException.invalidInput("missing-password", "Send currentPassword and newPassword.");
        }
        UserAccount account = find(actor.name());
        if (!BcryptUtil.matches(currentPassword, account.passwordHash)) {
            throw new PkiException(Failure.FORBIDDEN, "wrong-password", "The current password is not correct.");
        }
        passwordPolicy.check(newPassword);
        account.passwordHash = BcryptUtil.bcryptHash(newPassword, bcryptCost);
        account.passwordChangedAt = clock.instant();
        auditLog.record(actor, AuditAction.PASSWORD_CHANGED, account.username, Map.of());
        passwordChanged.fire(new PasswordChanged(account.username));
    }

    @Transactional
    public List<UserAccount> list() {
        return repository.listAll(io.quarkus.panache.common.Sort.ascending("username"));
    }

    @Transactional
    public UserAccount find(String username) {
        return repository.findByUsername(normalize(username))
                .orElseThrow(() -> PkiException.notFound("user-not-found", "No user named '" + normalize(username) + "'."));
    }

    private UserAccount createAccount(String username, String password, Set<Role> roles) {
        String name = normalize(username);
        if (!name.matches("[a-z0-9][a-z0-9._@-]{1,63}")) {
            throw PkiException.invalidInput("invalid-username",
                    "User names have 2 to 64 characters: lower-case letters, digits, '.', '_', '@' and '-'.");
        }
        if (roles == null || roles.isEmpty()) {
            throw PkiException.invalidInput("missing-roles", "A user needs at least one role.");
        }
        if (repository.findByUsername(name).isPresent()) {
            throw PkiException.conflict("duplicate-username", "A user named '" + name + "' already exists.");
        }
        passwordPolicy.check(password);
        Instant now = clock.instant();
        UserAccount account = new UserAccount();
        account.username = name;
        account.passwordHash = BcryptUtil.bcryptHash(password, bcryptCost);
        account.roles = EnumSet.copyOf(roles);
        account.createdAt = now;
        account.passwordChangedAt = now;
        repository.persist(account);
        return account;
    }

    @Transactional
    public boolean isEmpty() {
        return repository.count() == 0;
    }

    /** User names are compared trimmed and in lower case. */
    public static String normalize(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
