package org.pumppki.server.testing;

import static org.hamcrest.Matchers.endsWith;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pumppki.ca.security.Role;

/**
 * A browser's exchange with the console, without the browser: form sign-in over HTTPS, the session
 * and CSRF cookies kept between requests, the CSRF token sent with every form post.
 */
public final class Console {

    public static final String SESSION_COOKIE = "pumppki-console";
    public static final String SIGNED_IN_COOKIE = "pumppki-console-since";
    public static final String CSRF_COOKIE = "pumppki-csrf";
    public static final String CSRF_FIELD = "csrf-token";
    private static final Pattern CONSOLE_LINK = Pattern.compile("href=\"(/console[^\"#]*)\"");

    private Console() {
    }

    /** Signed in as the test user with exactly this role. */
    public static Session as(Role role) {
        return signIn(Api.username(role), Api.PASSWORD);
    }

    /** Signs in through the login form; fails the test unless the sign-in succeeds. */
    public static Session signIn(String username, String password) {
        Response response = attemptSignIn(username, password);
        response.then().statusCode(302).header("Location", endsWith("/console"));
        Session session = new Session(new HashMap<>(response.getCookies()));
        session.get("/console").then().statusCode(200);
        return session;
    }

    /** Posts the login form and answers the redirect, successful or not. */
    public static Response attemptSignIn(String username, String password) {
        return anonymous().formParam("j_username", username).formParam("j_password", password)
                .post("/console/j_security_check");
    }

    /** Requests over HTTPS that do not follow redirects, so that tests see where they lead. */
    public static RequestSpecification anonymous() {
        return Https.given().redirects().follow(false);
    }

    /** The distinct console links of a page, HTML entities decoded. */
    public static Set<String> links(String html) {
        Set<String> links = new LinkedHashSet<>();
        Matcher matcher = CONSOLE_LINK.matcher(html);
        while (matcher.find()) {
            links.add(matcher.group(1).replace("&amp;", "&"));
        }
        return links;
    }

    /** A signed-in browser: its cookies, renewed from every answer. */
    public static final class Session {

        private final Map<String, String> cookies;

        Session(Map<String, String> cookies) {
            this.cookies = cookies;
        }

        public Response get(String path) {
            return keep(anonymous().cookies(cookies).get(path));
        }

        /** A form post with the session's CSRF token, as the console's forms send it. */
        public Response post(String path, Map<String, ?> form) {
            Map<String, Object> fields = new HashMap<>(form);
            fields.put(CSRF_FIELD, csrfToken());
            return keep(anonymous().cookies(cookies).formParams(fields).post(path));
        }

        /** A form post exactly as given: no token is added. */
        public Response postWithoutToken(String path, Map<String, ?> form) {
            return keep(anonymous().cookies(cookies).formParams(form).post(path));
        }

        public RequestSpecification given() {
            return anonymous().cookies(cookies);
        }

        public String csrfToken() {
            if (!cookies.containsKey(CSRF_COOKIE)) {
                get("/console");
            }
            return cookies.get(CSRF_COOKIE);
        }

        public Map<String, String> cookies() {
            return cookies;
        }

        private Response keep(Response response) {
            response.getCookies().forEach((name, value) -> {
                if (value == null || value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            });
            return response;
        }
    }
}
