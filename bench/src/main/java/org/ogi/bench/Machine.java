package org.ogi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;

/** What the figures were measured on: CPU, cores, memory, JVM, and the commit. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the defaults
        }
        return String.format("%d cores %s, %.0f GiB, Java %s", Runtime.getRuntime().availableProcessors(), cpu,
                memKb / 1048576.0, System.getProperty("java.version"));
    }

    /**
     * How fast this host is right now: RSA-2048 signature checks a second on one thread (the work of a JWT check),
     * after a warm-up. The machine is a virtual one on a shared host: the same commit's figures moved by a third from
     * one hour to the next, and this number moved with them, so a run's figures are read against it.
     */
    static double cpuReference() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new java.security.SecureRandom(new byte[] {1}));
            KeyPair keys = generator.generateKeyPair();
            byte[] data = new byte[600];
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(data);
            byte[] signature = signer.sign();
            verifyFor(keys, data, signature, 700_000_000L);
            return verifyFor(keys, data, signature, 1_500_000_000L);
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    private static double verifyFor(KeyPair keys, byte[] data, byte[] signature, long nanos)
            throws GeneralSecurityException {
        long started = System.nanoTime();
        long n = 0;
        while (System.nanoTime() - started < nanos) {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keys.getPublic());
            verifier.update(data);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("the reference signature did not verify");
            }
            n++;
        }
        return n / ((System.nanoTime() - started) / 1e9);
    }

    static String commit(Path root) {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "describe", "--always", "--dirty").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
