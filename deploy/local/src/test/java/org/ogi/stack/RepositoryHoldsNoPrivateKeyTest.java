package org.ogi.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No private key is committed: every file git tracks is searched for PEM private-key material and key-store files.
 * The keys come from configuration; the local stack generates its pair at first start (checked here too).
 */
class RepositoryHoldsNoPrivateKeyTest {

    /** A PEM private key with its body: the words alone (code that writes a PEM, this test) are not a key. */
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z]+ )?PRIVATE KEY-----\\s*[A-Za-z0-9+/=\\r\\n]{64,}");
    private static final List<String> KEY_STORES = List.of(".p12", ".pfx", ".jks", ".keystore", ".key");

    @Test
    void noTrackedFileHoldsAPrivateKey() throws Exception {
        Path root = repositoryRoot();
        List<String> files = trackedFiles(root);
        assertTrue(files.size() > 100, "git ls-files listed " + files.size() + " files under " + root);
        List<String> found = new ArrayList<>();
        for (String name : files) {
            Path file = root.resolve(name);
            if (KEY_STORES.stream().anyMatch(name.toLowerCase(Locale.ROOT)::endsWith)) {
                found.add(name + " (a key store)");
                continue;
            }
            if (!Files.isRegularFile(file) || Files.size(file) > 5_000_000) {
                continue;
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (PEM_KEY.matcher(text).find()) {
                found.add(name);
            }
        }
        assertEquals(List.of(), found, "private keys in the repository");
        System.out.println("PRIVATE KEYS: searched " + files.size() + " tracked files, found " + found.size());
    }

    @Test
    void theLocalStackGeneratesItsKeyPairAtFirstStart(@TempDir Path dir) throws IOException {
        Path keys = dir.resolve("jwt");
        assertTrue(Files.notExists(keys));
        Tokens tokens = Tokens.inDirectory(keys);
        assertTrue(PEM_KEY.matcher(Files.readString(keys.resolve(Tokens.PRIVATE_KEY_FILE))).find());
        assertTrue(Files.readString(tokens.publicKeyPath()).startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    private static List<String> trackedFiles(Path root) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile()).redirectErrorStream(false).start();
        byte[] out = git.getInputStream().readAllBytes();
        int exit = git.waitFor();
        assertEquals(0, exit, "git ls-files failed in " + root + ": " + new String(git.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8));
        return Stream.of(new String(out, StandardCharsets.UTF_8).split("\0")).filter(s -> !s.isEmpty()).toList();
    }

    /** The directory holding .git (a directory, or a file in a worktree), above this module. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        throw new AssertionError("not inside a git checkout: " + Path.of("").toAbsolutePath());
    }
}
