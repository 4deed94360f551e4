package org.ogi.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void agencyTokenIsSignedWithTheStoredKeyAndCarriesTheAgencyCode(@TempDir Path dir) throws Exception {
        Tokens tokens = Tokens.inDirectory(dir);
        JsonNode claims = verifiedClaims(tokens.agency("11500000009275780L"), tokens.publicKeyPath());

        assertEquals(Tokens.ISSUER, claims.get("iss").asText());
        assertEquals(Tokens.AUDIENCE, claims.get("aud").isArray() ? claims.get("aud").get(0).asText() : claims.get("aud").asText());
        assertEquals("11500000009275780L", claims.get("agency_code").asText());
        assertEquals("agency", claims.get("groups").get(0).asText());
        assertEquals(1, claims.get("groups").size());
        long lifetime = claims.get("exp").asLong() - Instant.now().getEpochSecond();
        assertTrue(Math.abs(lifetime - Duration.ofDays(30).toSeconds()) < 120, "valid for 30 days, was " + lifetime + " s");
    }

    @Test
    void supervisorAndAdminTokensCarryTheirRoles(@TempDir Path dir) throws Exception {
        Tokens tokens = Tokens.inDirectory(dir);
        JsonNode supervisor = verifiedClaims(tokens.supervisor("421300"), tokens.publicKeyPath());
        JsonNode admin = verifiedClaims(tokens.admin(), tokens.publicKeyPath());

        assertEquals("421300", supervisor.get("region_code").asText());
        assertEquals("supervisor", supervisor.get("groups").get(0).asText());
        assertEquals("admin", admin.get("upn").asText());
        assertEquals("admin", admin.get("groups").get(0).asText());
        assertFalse(admin.has("agency_code"));
    }

    @Test
    void reusesTheKeyPairAlreadyInTheDirectory(@TempDir Path dir) throws Exception {
        Tokens first = Tokens.inDirectory(dir);
        String publicKey = Files.readString(first.publicKeyPath());
        Tokens second = Tokens.inDirectory(dir);

        assertEquals(publicKey, Files.readString(second.publicKeyPath()));
        verifiedClaims(second.admin(), first.publicKeyPath()); // signed with the same private key
        assertTrue(Files.readString(dir.resolve(Tokens.PRIVATE_KEY_FILE)).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(publicKey.startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    /** Verifies the RS256 signature with the PEM public key, as the services will, then returns the claims. */
    private static JsonNode verifiedClaims(String token, Path publicKeyPem) throws Exception {
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, "header.payload.signature");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("RS256", header.get("alg").asText());

        String pem = Files.readString(publicKeyPem).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "signature verifies with publicKey.pem");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
