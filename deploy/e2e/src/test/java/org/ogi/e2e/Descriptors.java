package org.ogi.e2e;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the deployment descriptors into "service -> environment variables it gets": deploy/compose, deploy/k8s (with
 * envFrom resolved through the ConfigMaps of the kustomization) and run.sh. Service names are the modules' short
 * names (submission, aggregation, notification).
 */
final class Descriptors {

    static final List<String> SERVICES = List.of("submission", "aggregation", "notification");

    private Descriptors() {
    }

    /** Every YAML document of a file (SnakeYAML's safe constructor; merge keys {@code <<} are resolved). */
    static List<Map<String, Object>> yaml(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object document : yaml.loadAll(in)) {
                if (document != null) {
                    documents.add(map(document, file + " document"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** compose service -> its environment (a mapping or a list of NAME=value). */
    static Map<String, Map<String, String>> compose(Path file) {
        Map<String, Object> services = map(yaml(file).get(0).get("services"), "services");
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Object environment = map(services.get(service), "service " + service).get("environment");
            Map<String, String> vars = new LinkedHashMap<>();
            if (environment instanceof Map<?, ?> m) {
                m.forEach((k, v) -> vars.put(String.valueOf(k), String.valueOf(v)));
            } else if (environment instanceof List<?> l) {
                l.forEach(item -> {
                    String[] pair = String.valueOf(item).split("=", 2);
                    vars.put(pair[0], pair.length > 1 ? pair[1] : "");
                });
            }
            env.put(service, vars);
        }
        return env;
    }

    /** Documents of every resource the kustomization lists, in its order. */
    static List<Map<String, Object>> kustomized(Path dir) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object resource : list(yaml(dir.resolve("kustomization.yaml")).get(0).get("resources"), "resources")) {
            documents.addAll(yaml(dir.resolve(String.valueOf(resource))));
        }
        return documents;
    }

    /**
     * Deployment "<service>-service" -> the variables its container gets: env entries (value, or a reference such
     * as {@code configMap:ogi-datasources/submission}) and every key of each envFrom ConfigMap.
     */
    static Map<String, Map<String, String>> kubernetes(Path dir) {
        List<Map<String, Object>> documents = kustomized(dir);
        Map<String, Map<String, Object>> configMaps = new LinkedHashMap<>();
        documents.stream().filter(d -> "ConfigMap".equals(d.get("kind")))
                .forEach(d -> configMaps.put(name(d), map(d.get("data"), "data of ConfigMap " + name(d))));
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        for (Map<String, Object> deployment : documents) {
            if (!"Deployment".equals(deployment.get("kind"))) {
                continue;
            }
            Map<String, String> vars = new LinkedHashMap<>();
            Map<String, Object> container = container(deployment);
            for (Object from : list(container.getOrDefault("envFrom", List.of()), "envFrom")) {
                String ref = name(map(map(from, "envFrom").get("configMapRef"), "configMapRef"));
                Map<String, Object> data = configMaps.get(ref);
                if (data == null) {
                    throw new AssertionError(name(deployment) + " takes envFrom ConfigMap " + ref
                            + ", which the kustomization does not define");
                }
                data.forEach((k, v) -> vars.put(k, String.valueOf(v)));
            }
            for (Object item : list(container.getOrDefault("env", List.of()), "env")) {
                Map<String, Object> entry = map(item, "env entry");
                vars.put(String.valueOf(entry.get("name")), valueOf(entry, configMaps, name(deployment)));
            }
            env.put(name(deployment).replaceFirst("-service$", ""), vars);
        }
        return env;
    }

    private static String valueOf(Map<String, Object> entry, Map<String, Map<String, Object>> configMaps,
                                  String deployment) {
        if (entry.containsKey("value")) {
            return String.valueOf(entry.get("value"));
        }
        Map<String, Object> from = map(entry.get("valueFrom"), "valueFrom of " + entry.get("name"));
        if (from.containsKey("configMapKeyRef")) {
            Map<String, Object> ref = map(from.get("configMapKeyRef"), "configMapKeyRef");
            Map<String, Object> data = configMaps.get(name(ref));
            if (data == null || !data.containsKey(String.valueOf(ref.get("key")))) {
                throw new AssertionError(deployment + ": " + entry.get("name") + " refers to ConfigMap " + name(ref)
                        + " key " + ref.get("key") + ", which the kustomization does not define");
            }
            return String.valueOf(data.get(String.valueOf(ref.get("key"))));
        }
        Map<String, Object> secret = map(from.get("secretKeyRef"), "secretKeyRef of " + entry.get("name"));
        return "secret:" + name(secret) + "/" + secret.get("key");
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        Map<String, Object> pod = map(map(map(deployment.get("spec"), "spec").get("template"), "template").get("spec"),
                "pod spec");
        List<?> containers = list(pod.get("containers"), "containers");
        return map(containers.get(0), "container");
    }

    /** run.sh's environment for each service: its own {@code service_env} function, run by bash. */
    static Map<String, Map<String, String>> runSh(Path runLib) throws IOException, InterruptedException {
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Process bash = new ProcessBuilder("bash", "-c", "set -euo pipefail; PG_PORT=15432 KAFKA_PORT=19092"
                    + " SMTP_PORT=2525 SUBMISSION_PORT=8081 AGGREGATION_PORT=8082 NOTIFICATION_PORT=8083 JWT_DIR=/jwt;"
                    + " source \"$0\"; service_env \"$1\"", runLib.toString(), service)
                    .redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (bash.waitFor() != 0) {
                throw new AssertionError("service_env " + service + " failed: " + output);
            }
            Map<String, String> vars = new LinkedHashMap<>();
            output.lines().filter(line -> !line.isBlank()).forEach(line -> {
                String[] pair = line.split("=", 2);
                vars.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
            env.put(service, vars);
        }
        return env;
    }

    static String name(Map<String, Object> resourceOrRef) {
        Object metadata = resourceOrRef.get("metadata");
        return String.valueOf(metadata instanceof Map<?, ?> m ? m.get("name") : resourceOrRef.get("name"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    static List<?> list(Object value, String what) {
        if (!(value instanceof List<?> l)) {
            throw new AssertionError(what + " is not a list: " + value);
        }
        return l;
    }
}
