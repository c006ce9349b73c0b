package org.pumppki.server.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.account.AdminBootstrap;
import org.pumppki.ca.service.account.UserAccounts;
import org.pumppki.server.testing.Api;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.PostgresTestResource;

/** Administrator accounts cannot be lost to a race, and the generated first password does not outlive its use. */
@QuarkusTest
class AccountSafetyTest {

    @Inject
    UserAccounts accounts;

    @ConfigProperty(name = "pki.data-dir")
    Path dataDir;

    @Test
    void twoAdministratorsDeletingEachOtherAreSerialized() throws Exception {
        String first = "adm-" + Fixtures.serial("a").toLowerCase();
        String second = "adm-" + Fixtures.serial("b").toLowerCase();
        accounts.create(Actor.system("test"), first, "a long enough password", EnumSet.of(Role.ADMIN));
        accounts.create(Actor.system("test"), second, "a long enough password", EnumSet.of(Role.ADMIN));
        CountDownLatch firstDeleted = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);

        CompletableFuture<Void> byFirst = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            accounts.delete(new Actor(first, java.util.List.of("admin"), "192.0.2.1"), second);
            firstDeleted.countDown();
            await(commitFirst);
        }));
        assertTrue(firstDeleted.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> bySecond = CompletableFuture.runAsync(
                () -> accounts.delete(new Actor(second, java.util.List.of("admin"), "192.0.2.2"), first));

        // The second deletion counts administrators only once the first one is decided.
        assertThrows(TimeoutException.class, () -> bySecond.get(2, TimeUnit.SECONDS));
        commitFirst.countDown();
        byFirst.get(10, TimeUnit.SECONDS);
        bySecond.get(10, TimeUnit.SECONDS);
    }

    @Test
    void changingTheAdminPasswordDeletesTheInitialPasswordFile() throws Exception {
        Path file = dataDir.resolve(AdminBootstrap.PASSWORD_FILE);
        Files.writeString(file, PostgresTestResource.ADMIN_PASSWORD + "\n");
        String username = Fixtures.serial("pwf").toLowerCase();
        accounts.create(Actor.system("test"), username, "first password!", EnumSet.of(Role.AUDITOR));

        Api.anonymous().auth().preemptive().basic(username, "first password!").contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"first password!\", \"newPassword\": \"second password!\"}")
                .post("/api/v1/me/password").then().statusCode(204);
        assertTrue(Files.exists(file), "another user's change leaves it");

        String interim = "an interim admin password";
        try {
            changeAdminPassword(PostgresTestResource.ADMIN_PASSWORD, interim);
            assertFalse(Files.exists(file));
        } finally {
            changeAdminPassword(interim, PostgresTestResource.ADMIN_PASSWORD);
        }
    }

    private static void changeAdminPassword(String current, String next) {
        Api.anonymous().auth().preemptive().basic("admin", current).contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"%s\", \"newPassword\": \"%s\"}".formatted(current, next))
                .post("/api/v1/me/password").then().statusCode(204);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
