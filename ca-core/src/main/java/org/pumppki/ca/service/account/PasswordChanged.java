package org.pumppki.ca.service.account;

/** Fired inside the transaction that changed a user's own password; observers act after it commits. */
public record PasswordChanged(String username) {
}
