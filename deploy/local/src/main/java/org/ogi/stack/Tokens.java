package org.ogi.stack;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * RS256 bearer tokens for the local stack and the tests. The key pair lives in a directory so that the services
 * (which read the public key) and whoever mints tokens (tests, run.sh, the demo loader) agree without sharing memory.
 */
public final class Tokens {

    public static final String ISSUER = "https://ogi.local";
    /** The services accept only tokens meant for them (mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "ogi";
    public static final String PRIVATE_KEY_FILE = "privateKey.pem";
    public static final String PUBLIC_KEY_FILE = "publicKey.pem";
    private static final Duration LIFETIME = Duration.ofDays(30);
    private static final String USAGE = "usage: Tokens <key-dir> admin | agency CODE | supervisor REGION";

    private final Path publicKeyPath;
    private final PrivateKey privateKey;

    private Tokens(Path publicKeyPath, PrivateKey privateKey) {
        this.publicKeyPath = publicKeyPath;
        this.privateKey = privateKey;
    }

    /** Loads privateKey.pem / publicKey.pem from {@code dir}, generating an RSA-2048 pair first if they are absent. */
    public static synchronized Tokens inDirectory(Path dir) {
        Path privatePath = dir.resolve(PRIVATE_KEY_FILE);
        Path publicPath = dir.resolve(PUBLIC_KEY_FILE);
        try {
            if (!Files.exists(privatePath) || !Files.exists(publicPath)) {
                Files.createDirectories(dir);
                // a file lock, so two processes starting at once do not write two different key pairs
                try (FileChannel channel = FileChannel.open(dir.resolve(".keys.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                    if (!Files.exists(privatePath) || !Files.exists(publicPath)) {
                        generate(privatePath, publicPath);
                    }
                }
            }
            byte[] pkcs8 = fromPem(Files.readString(privatePath, StandardCharsets.US_ASCII));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new Tokens(publicPath.toAbsolutePath(), key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the JWT keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unusable JWT private key in " + privatePath, e);
        }
    }

    public Path publicKeyPath() {
        return publicKeyPath;
    }

    /** groups ["admin"], upn "admin". */
    public String admin() {
        return token("admin", Set.of("admin"), Map.of());
    }

    /** groups ["agency"], claim agency_code; upn "agency-CODE". */
    public String agency(String agencyCode) {
        return token("agency-" + agencyCode, Set.of("agency"), Map.of("agency_code", agencyCode));
    }

    /** groups ["supervisor"], claim region_code; upn "supervisor-REGION". */
    public String supervisor(String regionCode) {
        return token("supervisor-" + regionCode, Set.of("supervisor"), Map.of("region_code", regionCode));
    }

    /** The general form: iss = {@link #ISSUER}, aud = {@link #AUDIENCE}, sub = upn, valid for 30 days. */
    public String token(String upn, Set<String> groups, Map<String, Object> claims) {
        return sign(claims(upn, groups, claims));
    }

    /** The claims {@link #token} signs, for tests that spoil one of them ({@link ForgedTokens}). */
    JwtClaimsBuilder claims(String upn, Set<String> groups, Map<String, Object> claims) {
        Instant now = Instant.now();
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .upn(upn)
                .subject(upn)
                .groups(groups)
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME));
        claims.forEach(builder::claim);
        return builder;
    }

    String sign(JwtClaimsBuilder builder) {
        return builder.jws().keyId("ogi-local").sign(privateKey);
    }

    /** {@code <key-dir> admin | agency CODE | supervisor REGION}: prints the token and nothing else. */
    public static void main(String[] args) {
        if (args.length < 2) {
            Cli.fail(USAGE);
        }
        Tokens tokens = inDirectory(Path.of(args[0]));
        String role = args[1];
        String token = null;
        if ("admin".equals(role) && args.length == 2) {
            token = tokens.admin();
        } else if ("agency".equals(role) && args.length == 3) {
            token = tokens.agency(args[2]);
        } else if ("supervisor".equals(role) && args.length == 3) {
            token = tokens.supervisor(args[2]);
        } else {
            Cli.fail(USAGE);
        }
        System.out.println(token);
    }

    private static void generate(Path privatePath, Path publicPath) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        writeOnce(publicPath, toPem("PUBLIC KEY", pair.getPublic().getEncoded()));
        writeOnce(privatePath, toPem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    /** Writes via a temporary file and an atomic move, so a concurrent reader never sees half a key. */
    private static void writeOnce(Path target, String content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String toPem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] fromPem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
