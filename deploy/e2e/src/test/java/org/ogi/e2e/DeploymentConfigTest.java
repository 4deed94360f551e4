package org.ogi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ogi.format.Topics;
import org.ogi.stack.ServiceProcess;

/**
 * deploy/compose, deploy/k8s and run.sh against what the services really read: every variable they set must be the
 * environment form of a property the service reads, and the settings without which a service cannot work must be
 * set. A property renamed in a service without its deployments fails here rather than in production.
 */
class DeploymentConfigTest {

    private static final Path ROOT = Path.of(System.getProperty("ogi.root", "../..")).toAbsolutePath().normalize();
    private static final Path COMPOSE = ROOT.resolve("deploy/compose/docker-compose.yml");
    private static final Path K8S = ROOT.resolve("deploy/k8s");
    private static final List<String> REQUIRED = List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            "MP_JWT_VERIFY_ISSUER", "QUARKUS_HTTP_PORT");
    private static final List<String> REQUIRED_FOR_NOTIFICATION = List.of("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT",
            "OGI_CHASE_FILING_URL");
    private static final List<String> REQUIRED_IN_PRODUCTION = List.of("QUARKUS_MAILER_FROM",
            "QUARKUS_MAILER_START_TLS");

    @Test
    void everyVariableComposeSetsIsAPropertyTheServiceReads() {
        assertAllRead("compose", Descriptors.compose(COMPOSE));
    }

    @Test
    void everyVariableKubernetesSetsIsAPropertyTheServiceReads() {
        Map<String, Map<String, String>> env = Descriptors.kubernetes(K8S);
        assertEquals(Set.copyOf(Descriptors.SERVICES), env.keySet(), "one Deployment per service");
        assertAllRead("k8s", env);
    }

    @Test
    void everyVariableRunShSetsIsAPropertyTheServiceReads() throws Exception {
        assertAllRead("run.sh", Descriptors.runSh(ROOT.resolve("deploy/local/run-lib.sh")));
    }

    @Test
    void theSettingsAServiceCannotDoWithoutAreSetEverywhere() throws Exception {
        Map<String, Map<String, Map<String, String>>> deployments = Map.of("compose", Descriptors.compose(COMPOSE),
                "k8s", Descriptors.kubernetes(K8S), "run.sh", Descriptors.runSh(ROOT.resolve("deploy/local/run-lib.sh")));
        List<String> missing = new ArrayList<>();
        deployments.forEach((where, services) -> services.forEach((service, env) -> {
            List<String> required = new ArrayList<>(REQUIRED);
            if (service.equals("notification")) {
                required.addAll(REQUIRED_FOR_NOTIFICATION);
                if (!where.equals("run.sh")) { // the local SMTP sink needs no TLS; the default sender is fine there
                    required.addAll(REQUIRED_IN_PRODUCTION);
                }
            }
            required.stream().filter(v -> !env.containsKey(v)).forEach(v -> missing.add(where + " " + service + ": " + v));
            String jdbc = env.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "");
            if (!jdbc.startsWith("jdbc:postgresql://") || !jdbc.endsWith("/" + service)) {
                missing.add(where + " " + service + ": QUARKUS_DATASOURCE_JDBC_URL " + jdbc + " is not its own database");
            }
            if (!where.equals("run.sh")
                    && env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "").matches("(?i)postgres|ogi|secret|password")) {
                missing.add(where + " " + service + ": a literal database password");
            }
        }));
        assertEquals(List.of(), missing);
    }

    @Test
    void everyImageRunsWithTheJvmOptionsOfTheOtherDeployments() throws IOException {
        List<String> options = ServiceProcess.deployedJvmOptionList(ROOT);
        assertTrue(options.stream().anyMatch(o -> o.startsWith("-Xmx")), "the options file sets the heap");
        for (String service : Descriptors.SERVICES) {
            String dockerfile = Files.readString(ROOT.resolve(service + "-service/src/main/docker/Dockerfile.jvm"));
            String append = dockerfile.lines().filter(l -> l.startsWith("ENV JAVA_OPTS_APPEND=")).findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": no JAVA_OPTS_APPEND"));
            List<String> inImage = List.of(append.replaceAll("^ENV JAVA_OPTS_APPEND=\"|\"$", "").split(" "));
            for (String option : options) {
                assertTrue(inImage.contains(option), service + " image lacks " + option + ": " + append);
            }
        }
    }

    @Test
    void aVariableThatNoLongerNamesAPropertyIsCaught() {
        ServiceConfiguration notification = ServiceConfiguration.of(ROOT, "notification");
        assertEquals(Optional.of("ogi.chase.filing-url"), notification.propertyOf("OGI_CHASE_FILING_URL"));
        assertEquals(Optional.of("ogi.chase.years"), notification.propertyOf("OGI_CHASE_YEARS"), "a mapping member"
                + " with no line in application.properties");
        assertEquals(Optional.of("ogi.statistics.public"), ServiceConfiguration.of(ROOT, "aggregation")
                .propertyOf("OGI_STATISTICS_PUBLIC"), "@WithName(\"public\") on publicRead()");
        assertEquals(Optional.empty(), notification.propertyOf("OGI_CHASE_FILING_LINK"));
        assertEquals(Optional.empty(), notification.propertyOf("OGI_CHASE_LAST_CLOSED_YEAR"), "a default method");
        assertEquals(Optional.empty(), ServiceConfiguration.of(ROOT, "submission").propertyOf("QUARKUS_MAILER_HOST"));
    }

    @Test
    void everyManifestParsesAndTheKustomizationListsEachOne() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(K8S)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
        Set<String> listed = new TreeSet<>();
        Descriptors.list(Descriptors.yaml(K8S.resolve("kustomization.yaml")).get(0).get("resources"), "resources")
                .forEach(r -> listed.add(String.valueOf(r)));
        Set<String> present = new TreeSet<>();
        files.stream().map(f -> K8S.relativize(f).toString()).filter(f -> !f.equals("kustomization.yaml"))
                .forEach(present::add);
        assertEquals(present, listed, "the kustomization lists every manifest, and only existing ones");
        for (Path file : files) {
            for (Map<String, Object> doc : Descriptors.yaml(file)) {
                assertTrue(doc.containsKey("apiVersion") && doc.containsKey("kind"), file + ": " + doc.keySet());
                if (!"Kustomization".equals(doc.get("kind"))) {
                    assertFalse(Descriptors.name(doc).isBlank() || "null".equals(Descriptors.name(doc)), file + " unnamed");
                }
            }
        }
        assertFalse(Descriptors.yaml(COMPOSE).isEmpty());
    }

    @Test
    void deploymentsProbeTheHealthEndpointsOnTheirPortAndRequestResources() {
        for (Map<String, Object> doc : Descriptors.kustomized(K8S)) {
            if (!"Deployment".equals(doc.get("kind"))) {
                continue;
            }
            Map<String, Object> container = Descriptors.container(doc);
            String name = Descriptors.name(doc);
            assertEquals("/q/health/ready", probePath(container, "readinessProbe"), name);
            assertEquals("/q/health/live", probePath(container, "livenessProbe"), name);
            Map<String, Object> resources = Descriptors.map(container.get("resources"), name + " resources");
            assertTrue(Descriptors.map(resources.get("requests"), name + " requests").keySet()
                    .containsAll(Set.of("cpu", "memory")), name);
            Object port = Descriptors.map(Descriptors.list(container.get("ports"), "ports").get(0), "port")
                    .get("containerPort");
            assertEquals(String.valueOf(port), Descriptors.kubernetes(K8S).get(name.replace("-service", ""))
                    .get("QUARKUS_HTTP_PORT"), name + " listens where its container port is");
        }
    }

    @Test
    void theTopicsAreTheServicesTopicsWithTheStateTopicsCompacted() throws IOException {
        Map<String, String> wanted = Map.of(Topics.AGENCIES, "compact", Topics.REPORTS, "compact",
                Topics.dlq(Topics.AGENCIES), "delete", Topics.dlq(Topics.REPORTS), "delete");
        Map<String, String> k8s = new java.util.TreeMap<>();
        for (Map<String, Object> doc : Descriptors.kustomized(K8S)) {
            if ("KafkaTopic".equals(doc.get("kind"))) {
                Map<String, Object> spec = Descriptors.map(doc.get("spec"), "KafkaTopic spec");
                String topic = String.valueOf(spec.getOrDefault("topicName", Descriptors.name(doc)));
                k8s.put(topic, String.valueOf(Descriptors.map(spec.get("config"), topic).get("cleanup.policy")));
            }
        }
        assertEquals(new java.util.TreeMap<>(wanted), k8s, "Strimzi KafkaTopics");
        String compose = Files.readString(COMPOSE, StandardCharsets.UTF_8);
        wanted.forEach((topic, policy) -> assertTrue(compose.contains("--topic " + topic + " --config cleanup.policy="
                + policy), "compose creates " + topic + " with cleanup.policy=" + policy));
    }

    /** Debian's docker-compose (v1) parses the file without an engine; CI installs it, elsewhere it may be absent. */
    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        boolean installed = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "docker-compose")));
        if (!installed) {
            if ("true".equals(System.getenv("CI"))) {
                fail("docker-compose is not installed (.ci/run installs it with apt)");
            }
            Assumptions.abort("docker-compose is not installed (apt-get install docker-compose); not checked");
        }
        Process process = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "--env-file",
                ROOT.resolve("deploy/compose/.env.example").toString(), "config", "-q")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose config did not finish");
        assertEquals(0, process.exitValue(), "docker-compose config: " + output);
    }

    private static void assertAllRead(String where, Map<String, Map<String, String>> deployments) {
        List<String> unread = new ArrayList<>();
        deployments.forEach((service, env) -> {
            ServiceConfiguration config = ServiceConfiguration.of(ROOT, service);
            env.keySet().stream().filter(v -> config.propertyOf(v).isEmpty())
                    .forEach(v -> unread.add(service + ": " + v));
        });
        assertEquals(List.of(), unread, where + " sets variables that name no property the service reads");
    }

    private static String probePath(Map<String, Object> container, String probe) {
        Map<String, Object> httpGet = Descriptors.map(Descriptors.map(container.get(probe), probe).get("httpGet"),
                probe + " httpGet");
        return String.valueOf(httpGet.get("path"));
    }
}
