package org.pumppki.server.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.account.UserAccounts;
import org.pumppki.ca.service.audit.AuditQueries;
import org.pumppki.ca.store.AuditSearch;
import org.pumppki.server.testing.Api;
import org.pumppki.server.testing.Console;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.ShiftableClock;

/**
 * Who gets into the console and what they can reach: anonymous people are sent to the sign-in
 * page, every page linked from anywhere renders for every role, forms without the CSRF token are
 * refused, failed sign-ins are audited and throttled, and sessions end.
 */
@QuarkusTest
class ConsoleAccessTest {

    private static final int MAX_PAGES_PER_ROLE = 120;

    @Inject
    UserAccounts accounts;

    @Inject
    AuditQueries audit;

    @Inject
    ShiftableClock clock;

    @Test
    void anonymousPagesRedirectToTheSignInPage() {
        for (String page : List.of("/console", "/console/devices", "/console/audit", "/console/users")) {
            Console.anonymous().get(page).then().statusCode(302).header("Location", endsWith("/console/login"));
        }
        Console.anonymous().get("/console/login").then().statusCode(200)
                .body(containsString("name=\"j_password\""));
    }

    @Test
    void anonymousFormPostsChangeNothing() {
        String id = Devices.registerPump("CONSOLE-ANON-" + UUID.randomUUID());
        Console.anonymous().formParam("csrf-token", "x").post("/console/devices/" + id + "/quarantine")
                .then().statusCode(302).header("Location", endsWith("/console/login"));
        Console.as(Role.AUDITOR).get("/console/devices/" + id).then().body(containsString("in-service"));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyLinkedPageRendersForEveryRole(Role role) {
        String serial = "CONSOLE-CRAWL-" + UUID.randomUUID();
        String id = Devices.registerPump(serial);
        Devices.enroll(id, Devices.csr(Devices.newKey(), "CN=" + serial));
        Console.Session session = Console.as(role);
        Deque<String> toVisit = new ArrayDeque<>(List.of("/console", "/console/devices/" + id));
        Set<String> seen = new HashSet<>(toVisit);
        List<String> failures = new ArrayList<>();
        int visited = 0;
        while (!toVisit.isEmpty() && visited < MAX_PAGES_PER_ROLE) {
            String page = toVisit.poll();
            Response response = session.get(page);
            visited++;
            if (response.statusCode() != 200) {
                failures.add(page + " answered " + response.statusCode());
                continue;
            }
            if (!response.contentType().startsWith("text/html")) {
                continue;
            }
            String html = response.asString();
            if (role == Role.AUDITOR && !page.equals("/console/account/password")) {
                // Auditors read; besides their own password, the only form that posts signs them out.
                assertEquals(html.split("method=\"post\"", -1).length - 1,
                        html.split("action=\"/console/logout\"", -1).length - 1, page + " offers an auditor an action");
            }
            for (String link : Console.links(html)) {
                if (!link.startsWith("/console/assets") && seen.add(link)) {
                    toVisit.add(link);
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> "As " + role + ": " + failures);
        assertTrue(visited >= 5, "the crawl reached " + visited + " pages");
    }

    @Test
    void pagesOutsideARoleAreForbidden() {
        Console.Session biomed = Console.as(Role.BIOMED);
        biomed.get("/console/users").then().statusCode(403);
        biomed.get("/console/audit").then().statusCode(403);
        Console.as(Role.AUDITOR).get("/console/devices/new").then().statusCode(403);
    }

    @Test
    void aFormPostWithoutAValidCsrfTokenIsRefused() {
        String id = Devices.registerPump("CONSOLE-CSRF-" + UUID.randomUUID());
        Console.Session biomed = Console.as(Role.BIOMED);
        biomed.postWithoutToken("/console/devices/" + id + "/quarantine", Map.of("reason", "none")).then().statusCode(400);
        biomed.postWithoutToken("/console/devices/" + id + "/quarantine", Map.of("csrf-token", "not-the-token"))
                .then().statusCode(400);
        biomed.get("/console/devices/" + id).then().statusCode(200)
                .body(containsString("<dd id=\"device-state\">in-service</dd>"));

        biomed.post("/console/devices/" + id + "/quarantine", Map.of()).then().statusCode(303);
        biomed.get("/console/devices/" + id).then().body(containsString("<dd id=\"device-state\">quarantined</dd>"));
    }

    @Test
    void sessionCookiesAreHttpOnlySecureAndStrict() {
        Response response = Console.attemptSignIn(Api.username(Role.BIOMED), Api.PASSWORD);
        List<String> setCookies = response.headers().getValues("Set-Cookie");
        for (String name : List.of(Console.SESSION_COOKIE, Console.SIGNED_IN_COOKIE)) {
            String cookie = setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow();
            assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
            assertTrue(cookie.contains("Secure"), cookie);
            assertTrue(cookie.toLowerCase().contains("samesite=strict"), cookie);
            assertTrue(cookie.contains("Path=/console"), cookie);
        }
    }

    @Test
    void failedSignInsAreAuditedAndThrottled() {
        String username = "console-throttle-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "correct-horse-battery";
        accounts.create(Actor.system("test"), username, password, EnumSet.of(Role.BIOMED));
        for (int i = 0; i < 5; i++) {
            Console.attemptSignIn(username, "wrong-password-" + i).then().statusCode(302)
                    .header("Location", endsWith("/console/login/failed"));
        }
        // Past the limit for this account from this address, even the right password waits.
        Console.attemptSignIn(username, password).then().statusCode(302)
                .header("Location", endsWith("/console/login/failed"));
        long failed = audit.search(new AuditSearch(Optional.empty(), Optional.of("sign-in.failed"), Optional.empty(),
                Optional.of(username), Optional.empty(), Optional.empty()), 0, 10).total();
        assertEquals(5, failed);
        Console.anonymous().get("/console/login/failed").then().statusCode(401)
                .body(containsString("not valid"));
    }

    @Test
    void signingOutEndsTheSession() {
        Console.Session session = Console.as(Role.BIOMED);
        String staleCookie = session.cookies().get(Console.SESSION_COOKIE);
        session.post("/console/logout", Map.of()).then().statusCode(303)
                .header("Location", endsWith("/console/login?signed-out=true"));
        assertFalse(session.cookies().containsKey(Console.SESSION_COOKIE));
        session.get("/console").then().statusCode(302).header("Location", endsWith("/console/login"));
        assertTrue(staleCookie != null);
    }

    @Test
    void aSessionEndsAfterTheAbsoluteTimeoutHoweverActive() {
        Console.Session session = Console.as(Role.BIOMED);
        try {
            clock.shift(Duration.ofHours(8).plusMinutes(1));
            session.get("/console").then().statusCode(303)
                    .header("Location", endsWith("/console/login?expired=true"));
        } finally {
            clock.reset();
        }
        session.get("/console").then().statusCode(302).header("Location", endsWith("/console/login"));
    }

    @Test
    void aSignInTimeOfAnotherUserDoesNotExtendASession() {
        Console.Session biomed = Console.as(Role.BIOMED);
        Console.Session auditor = Console.as(Role.AUDITOR);
        biomed.cookies().put(Console.SIGNED_IN_COOKIE, auditor.cookies().get(Console.SIGNED_IN_COOKIE));
        biomed.get("/console").then().statusCode(303).header("Location", containsString("expired=true"));
        Console.Session withoutStamp = Console.as(Role.BIOMED);
        withoutStamp.cookies().remove(Console.SIGNED_IN_COOKIE);
        withoutStamp.get("/console").then().statusCode(303).header("Location", not(endsWith("/console")));
    }
}
