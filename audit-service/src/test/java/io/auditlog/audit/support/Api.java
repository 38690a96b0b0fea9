package io.auditlog.audit.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Short forms of the calls most tests make. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static ValidatableResponse post(String account, Object body) {
        return as(Tokens.ingest(account)).body(body).post("/api/v1/events").then();
    }

    /** Ingests the events and fails the test unless all were created. */
    public static void record(String account, List<Map<String, Object>> events) {
        post(account, Events.batch(events)).statusCode(201);
    }

    public static ValidatableResponse search(String account, Map<String, ?> query) {
        return as(Tokens.admin(account)).queryParams(query).get("/api/v1/events").then();
    }

    /** The ids of a search's first page, newest first. */
    public static List<String> ids(String account, Map<String, ?> query) {
        return search(account, query).statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }
}
