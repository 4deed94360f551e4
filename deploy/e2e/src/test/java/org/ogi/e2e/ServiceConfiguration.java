package org.ogi.e2e;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration properties one service reads, from its sources: the keys of its application.properties, the
 * members of its {@code @ConfigMapping} interfaces, and a short list of Quarkus keys that deployments set without the
 * service naming them. An environment variable configures the service only if it is the MicroProfile Config
 * environment form of one of them (every character other than a letter or digit becomes '_', upper case).
 */
final class ServiceConfiguration {

    /**
     * Quarkus keys a deployment may set although application.properties does not list them (their defaults suit the
     * tests and the local stack). Each is a documented Quarkus key of an extension the services include.
     */
    private static final Set<String> DEPLOYMENT_ONLY_KEYS = Set.of(
            "quarkus.mailer.username", "quarkus.mailer.password", // quarkus-mailer: SMTP login
            "quarkus.log.level",                                   // core logging
            "quarkus.http.host");                                  // vert.x http: bind address

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    /** An abstract member of a mapping interface (a default method is code, not configuration). */
    private static final Pattern MEMBER = Pattern.compile("^\\s+(?!default\\b|static\\b)[\\w.<>, ?]+\\s+(\\w+)\\(\\);\\s*$");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)");

    private final String service;
    private final Set<String> properties;

    private ServiceConfiguration(String service, Set<String> properties) {
        this.service = service;
        this.properties = properties;
    }

    /** Reads {@code <root>/<service>-service/src/main}. */
    static ServiceConfiguration of(Path root, String service) {
        Path main = root.resolve(service + "-service/src/main");
        Set<String> keys = new TreeSet<>(DEPLOYMENT_ONLY_KEYS);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(main.resolve("resources/application.properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().forEach(key -> keys.add(key.replaceFirst("^%[\\w-]+\\.", "")));
        try (Stream<Path> files = Files.walk(main.resolve("java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> keys.addAll(mappingKeys(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceConfiguration(service, keys);
    }

    /** The keys of a {@code @ConfigMapping} interface: prefix + member name in kebab case (or its @WithName). */
    static Set<String> mappingKeys(Path javaFile) {
        String source;
        try {
            source = Files.readString(javaFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher mapping = MAPPING.matcher(source);
        if (!mapping.find()) {
            return Set.of();
        }
        String prefix = mapping.group(1);
        Set<String> keys = new TreeSet<>();
        String withName = null;
        for (String line : source.substring(mapping.end()).split("\n")) {
            Matcher name = WITH_NAME.matcher(line);
            if (name.find()) {
                withName = name.group(1);
            }
            Matcher member = MEMBER.matcher(line);
            if (member.matches()) {
                keys.add(prefix + "." + (withName != null ? withName : kebab(member.group(1))));
                withName = null;
            }
        }
        return keys;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** MicroProfile Config's environment form of a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** The property an environment variable sets, if the service reads one of that name. */
    Optional<String> propertyOf(String envVar) {
        return properties.stream().filter(p -> envName(p).equals(envVar)).findFirst();
    }

    Set<String> properties() {
        return properties;
    }

    String service() {
        return service;
    }
}
