package org.ogi.stack;

import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Admin tokens that a service must refuse with 401, each wrong in one way only (otherwise exactly what
 * {@link Tokens#admin()} mints): expired, not yet valid, another issuer, another audience, signed with another key,
 * {@code alg: none}, and no JWT at all. Shared by every service's token test.
 */
public final class ForgedTokens {

    /** Beyond any clock skew a verifier tolerates (SmallRye's default is 60 s). */
    private static final Duration FAR = Duration.ofHours(2);

    private ForgedTokens() {
    }

    /** Name of the defect → the token, in a fixed order. */
    public static Map<String, String> refusedAdminTokens(Tokens tokens) {
        Map<String, String> forged = new LinkedHashMap<>();
        Instant now = Instant.now();
        forged.put("expired", spoil(tokens, b -> b.issuedAt(now.minus(FAR.multipliedBy(2))).expiresAt(now.minus(FAR))));
        forged.put("not yet valid (nbf)", spoil(tokens, b -> b.claim("nbf", now.plus(FAR).getEpochSecond())));
        forged.put("wrong issuer", spoil(tokens, b -> b.issuer("https://attacker.example")));
        forged.put("wrong audience", spoil(tokens, b -> b.audience("another-system")));
        forged.put("signed with another key", tokens.claims("admin", Set.of("admin"), Map.of()).jws().keyId("ogi-local")
                .sign(anotherKey()));
        forged.put("alg none", unsigned(tokens.admin()));
        forged.put("garbage", "not-a-jwt." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"groups\":[\"admin\"]}".getBytes(StandardCharsets.UTF_8)));
        return forged;
    }

    private static String spoil(Tokens tokens, Consumer<JwtClaimsBuilder> defect) {
        JwtClaimsBuilder builder = tokens.claims("admin", Set.of("admin"), Map.of());
        defect.accept(builder);
        return tokens.sign(builder);
    }

    /** The valid token's claims under a header {@code {"alg":"none"}} and an empty signature. */
    private static String unsigned(String valid) {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + valid.split("\\.")[1] + ".";
    }

    private static PrivateKey anotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
