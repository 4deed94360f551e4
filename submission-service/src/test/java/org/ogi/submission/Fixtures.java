package org.ogi.submission;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import org.ogi.format.AgencyCodes;
import org.ogi.stack.StackTestResource;

/** Test data through the public API: agencies with fresh valid codes, real report bodies, tokens of the local stack. */
public final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {
    }

    /** A valid unified social credit code of a government organ in `region`, unique per call. */
    public static String newAgencyCode(String region) {
        StringBuilder org = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            org.append(AgencyCodes.ALPHABET.charAt(RANDOM.nextInt(AgencyCodes.ALPHABET.length())));
        }
        return AgencyCodes.withCheckCharacter("11" + region + org);
    }

    public static String registerAgency(String region, String kind, String name) {
        String code = newAgencyCode(region);
        given().spec(asAdmin()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"regionCode\":\"" + region + "\",\"kind\":\"" + kind
                        + "\",\"contactEmail\":\"gkb@example.gov.cn\"}")
                .put("/api/v1/agencies/{code}", code)
                .then().statusCode(201);
        return code;
    }

    public static String registerDepartment(String region) {
        return registerAgency(region, "DEPARTMENT", "测试局" + RANDOM.nextInt(100000));
    }

    /** The real published Pingtan 2022 report (2021 format), as filed through the API. */
    public static ObjectNode pingtan() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/pingtan-2022.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RequestSpecification asAdmin() {
        return bearer(StackTestResource.stack().tokens().admin());
    }

    public static RequestSpecification asAgency(String code) {
        return bearer(StackTestResource.stack().tokens().agency(code));
    }

    public static RequestSpecification asSupervisor(String region) {
        return bearer(StackTestResource.stack().tokens().supervisor(region));
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
