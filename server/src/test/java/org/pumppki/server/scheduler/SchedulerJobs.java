package org.pumppki.server.scheduler;

import static org.hamcrest.Matchers.equalTo;
import static org.pumppki.server.testing.Api.as;

import io.restassured.path.json.JsonPath;
import org.pumppki.ca.security.Role;

/** Runs scheduler jobs and reads flags through the admin API, as an administrator and a biomed would. */
final class SchedulerJobs {

    private SchedulerJobs() {
    }

    static JsonPath run(String job) {
        return as(Role.ADMIN).post("/api/v1/scheduler/jobs/{job}/run", job)
                .then().statusCode(200).body("outcome", equalTo("succeeded")).extract().jsonPath();
    }

    /** The flags of one kind about one certificate, in the given state (open, resolved, all). */
    static JsonPath flags(String kind, String certificateSerial, String state) {
        return as(Role.BIOMED).queryParam("kind", kind).queryParam("serial", certificateSerial).queryParam("state", state)
                .get("/api/v1/flags").then().statusCode(200).extract().jsonPath();
    }
}
