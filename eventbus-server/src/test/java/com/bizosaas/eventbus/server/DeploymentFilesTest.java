package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.agents.AgentCoordinator;
import com.bizosaas.eventbus.agents.CoordinatorSettings;
import com.bizosaas.eventbus.memory.InMemoryCoordinationStore;
import com.bizosaas.eventbus.server.internal.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Checks the deployment files, which no daemon runs here, against the code: the {@code Dockerfile}
 * copies the jar the build produces and runs its main class; every {@code EVENTBUS_*} variable
 * Compose or Kubernetes sets is one the code reads (names found by scanning the modules' main
 * sources for {@code "EVENTBUS_..."} literals, so a renamed variable fails here); ports and probe
 * paths are the server's.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern VARIABLE_LITERAL = Pattern.compile("\"(EVENTBUS_[A-Z0-9_]+)\"");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PORT = Integer.toString(ServerConfig.DEFAULT_PORT);

    private static Set<String> variableNames;
    private static Set<String> variablePrefixes;
    private static List<String> routes;

    @BeforeAll
    static void readTheCode() throws IOException {
        variableNames = new TreeSet<>();
        variablePrefixes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT, 1)) {
            for (Path module : files.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).toList()) {
                try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
                    sources.filter(p -> p.toString().endsWith(".java")).forEach(DeploymentFilesTest::collectVariables);
                }
            }
        }
        // A literal ending in "_" is a prefix of names built at run time (EVENTBUS_KAFKA_PROPERTY_...).
        variableNames.stream().filter(n -> n.endsWith("_")).forEach(variablePrefixes::add);
        variablePrefixes.remove("EVENTBUS_");
        variableNames.removeIf(n -> n.endsWith("_"));
        assertThat(variableNames).as("the scan found the server's own variables")
                .contains("EVENTBUS_STORE", "EVENTBUS_SHUTDOWN_TIMEOUT_MS", "EVENTBUS_POSTGRES_HOST");

        ServerConfig config = ServerConfig.defaults();
        EventBus bus = Components.builder(config).build();
        try (AgentCoordinator agents = AgentCoordinator.start(bus, new InMemoryCoordinationStore(),
                CoordinatorSettings.DEFAULTS); HttpApi api = HttpApi.create(bus, agents, config)) {
            routes = api.routes();
        } finally {
            bus.close();
        }
    }

    private static void collectVariables(Path source) {
        try {
            Matcher m = VARIABLE_LITERAL.matcher(Files.readString(source));
            while (m.find()) {
                variableNames.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- Dockerfile ----

    @Test
    void theImageCopiesTheJarTheBuildProducesAndRunsItsMainClass() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("eventbus-server/pom.xml").toFile());
        String finalName = pom.getElementsByTagName("finalName").item(0).getTextContent().trim();
        String mainClass = pom.getElementsByTagName("mainClass").item(0).getTextContent().trim();
        String builtJar = "eventbus-server/target/" + finalName + ".jar";

        assertThat(mainClass).isEqualTo(EventBusServer.class.getName());
        assertThat(dockerfile).contains("mvn -B -ntp -pl eventbus-server -am package");
        Matcher copy = Pattern.compile("COPY --from=build /src/(\\S+) (\\S+)").matcher(dockerfile);
        assertThat(copy.find()).as("the runtime stage copies the jar from the build stage").isTrue();
        assertThat(copy.group(1)).isEqualTo(builtJar);
        assertThat(dockerfile).contains("ENTRYPOINT [\"java\", \"-jar\", \"" + copy.group(2) + "\"]");
    }

    @Test
    void theImageRunsAsANonRootUserExposesTheServerPortAndChecksLiveness() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre").containsPattern("(?m)^USER 10001");
        assertThat(dockerfile).contains("EXPOSE " + PORT).contains("EVENTBUS_SERVICE_PORT=" + PORT);
        Matcher health = Pattern.compile("HEALTHCHECK[^\\n]*\\n\\s*CMD curl -fsS \"http://127.0.0.1:\\$\\{EVENTBUS_SERVICE_PORT}(/\\S+)\"")
                .matcher(dockerfile);
        assertThat(health.find()).as("a HEALTHCHECK with curl").isTrue();
        assertThat(health.group(1)).isEqualTo("/health/live");
        assertThat(routes).contains("GET " + health.group(1));
        assertThat(dockerfile).contains("-XX:MaxRAMPercentage=");
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("**/target", ".git");
    }

    // ---- Compose ----

    @Test
    void composeSetsOnlyVariablesTheServerReadsAndServesItsPort() throws IOException {
        JsonNode services = readYaml(ROOT.resolve("deploy/compose/docker-compose.yml")).get(0).get("services");
        List<String> buses = busServices(services);
        assertThat(buses).containsExactlyInAnyOrder("eventbus-redis", "eventbus-rabbitmq", "eventbus-kafka");

        for (String name : buses) {
            JsonNode bus = services.get(name);
            Map<String, String> env = new TreeMap<>(envFile(ROOT.resolve("deploy/compose")
                    .resolve(bus.get("env_file").asText())));
            bus.get("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            assertReadByTheServer("compose " + name, env.keySet());
            assertThat(ServerConfig.fromEnvironment(env).store()).as(name).isEqualTo(ServerConfig.StoreType.POSTGRES);
            assertThat(bus.get("ports").get(0).asText()).isEqualTo(PORT + ":" + env.get("EVENTBUS_SERVICE_PORT"));
            assertThat(Files.exists(ROOT.resolve("deploy/compose").resolve(bus.get("build").get("context").asText())
                    .resolve(bus.get("build").get("dockerfile").asText()))).as(name + " builds the Dockerfile").isTrue();
        }
    }

    @Test
    void eachBusWaitsForHealthyServicesAndEachBrokerHasItsProfile() throws IOException {
        JsonNode services = readYaml(ROOT.resolve("deploy/compose/docker-compose.yml")).get(0).get("services");
        Map<String, ServerConfig.BrokerType> expected = Map.of(
                "redis", ServerConfig.BrokerType.REDIS, "rabbitmq", ServerConfig.BrokerType.RABBITMQ,
                "kafka", ServerConfig.BrokerType.KAFKA);

        expected.forEach((broker, type) -> {
            JsonNode bus = services.get("eventbus-" + broker);
            assertThat(bus.get("profiles").get(0).asText()).isEqualTo(broker);
            assertThat(services.get(broker).get("profiles").get(0).asText()).isEqualTo(broker);
            Map<String, String> env = new TreeMap<>(envFile(ROOT.resolve("deploy/compose/eventbus.env")));
            bus.get("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            assertThat(ServerConfig.fromEnvironment(env).broker()).as(broker + "'s bus").isEqualTo(type);
            List<String> dependencies = new ArrayList<>();
            bus.get("depends_on").fields().forEachRemaining(d -> {
                dependencies.add(d.getKey());
                assertThat(d.getValue().get("condition").asText()).isEqualTo("service_healthy");
                assertThat(services.get(d.getKey()).has("healthcheck")).as(d.getKey() + " has a health check").isTrue();
            });
            assertThat(dependencies).containsExactlyInAnyOrder("postgres", broker);
        });
    }

    // ---- Kubernetes ----

    @Test
    void everyManifestOfTheBaseAndTheOverlaysIsValidYamlAndListedInItsKustomization() throws IOException {
        for (String dir : List.of("base", "overlays/redis", "overlays/kafka")) {
            Path kustomization = ROOT.resolve("deploy/k8s").resolve(dir).resolve("kustomization.yaml");
            JsonNode k = readYaml(kustomization).get(0);
            List<String> referenced = new ArrayList<>();
            if (k.has("resources")) {
                k.get("resources").forEach(r -> referenced.add(r.asText()));
            }
            if (k.has("patches")) {
                k.get("patches").forEach(p -> referenced.add(p.get("path").asText()));
            }
            for (String ref : referenced) {
                Path target = kustomization.getParent().resolve(ref).normalize();
                assertThat(Files.exists(target)).as(dir + " references " + ref).isTrue();
                if (Files.isRegularFile(target)) {
                    assertThat(readYaml(target)).as(ref).allSatisfy(doc -> assertThat(doc.has("kind")).isTrue());
                }
            }
        }
    }

    @Test
    void kubernetesSetsOnlyVariablesTheServerReadsAndEachOverlayPicksItsBroker() throws IOException {
        Map<String, String> base = new TreeMap<>();
        base.putAll(data(manifest("base/configmap.yaml"), "data"));
        base.putAll(data(manifest("base/secret.yaml"), "stringData"));
        assertReadByTheServer("k8s base", base.keySet());

        Map<String, ServerConfig.BrokerType> overlays = Map.of(
                "redis", ServerConfig.BrokerType.REDIS, "kafka", ServerConfig.BrokerType.KAFKA);
        overlays.forEach((overlay, broker) -> {
            Map<String, String> env = new TreeMap<>(base);
            env.putAll(data(manifest("overlays/" + overlay + "/configmap-patch.yaml"), "data"));
            assertReadByTheServer("k8s overlay " + overlay, env.keySet());
            ServerConfig config = ServerConfig.fromEnvironment(env);
            assertThat(config.store()).isEqualTo(ServerConfig.StoreType.POSTGRES);
            assertThat(config.broker()).as(overlay).isEqualTo(broker);
        });
    }

    @Test
    void theDeploymentHasTheSeedsShapeAndProbesTheServersRoutes() {
        JsonNode deployment = manifest("base/deployment.yaml");
        JsonNode pod = deployment.get("spec").get("template").get("spec");
        JsonNode container = pod.get("containers").get(0);
        String configuredPort = data(manifest("base/configmap.yaml"), "data").get("EVENTBUS_SERVICE_PORT");

        assertThat(deployment.get("spec").get("replicas").asInt()).isEqualTo(3);
        JsonNode resources = container.get("resources");
        assertThat(resources.get("requests").get("memory").asText()).isEqualTo("256Mi");
        assertThat(resources.get("requests").get("cpu").asText()).isEqualTo("250m");
        assertThat(resources.get("limits").get("memory").asText()).isEqualTo("512Mi");
        assertThat(resources.get("limits").get("cpu").asText()).isEqualTo("500m");
        assertThat(container.get("ports").get(0).get("containerPort").asText()).isEqualTo(configuredPort).isEqualTo(PORT);
        String portName = container.get("ports").get(0).get("name").asText();
        assertThat(probe(container, "livenessProbe")).isEqualTo("/health/live");
        assertThat(probe(container, "readinessProbe")).isEqualTo("/health/ready");
        assertThat(probe(container, "startupProbe")).isIn("/health/live", "/health/ready");
        for (String kind : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(routes).contains("GET " + probe(container, kind));
            assertThat(container.get(kind).get("httpGet").get("port").asText()).isEqualTo(portName);
        }
        assertThat(container.get("lifecycle").get("preStop").toString()).contains("sleep");
        Set<String> envSources = new HashSet<>();
        container.get("envFrom").forEach(s -> s.fields().forEachRemaining(f -> envSources.add(f.getValue().get("name").asText())));
        assertThat(envSources).containsExactlyInAnyOrder(
                manifest("base/configmap.yaml").get("metadata").get("name").asText(),
                manifest("base/secret.yaml").get("metadata").get("name").asText());
        long shutdownMillis = Long.parseLong(data(manifest("base/configmap.yaml"), "data").get("EVENTBUS_SHUTDOWN_TIMEOUT_MS"));
        assertThat(pod.get("terminationGracePeriodSeconds").asLong() * 1000)
                .as("the grace period covers the preStop pause and the shutdown timeout")
                .isGreaterThan(shutdownMillis + 10_000);
        assertThat(pod.get("securityContext").get("runAsUser").asInt()).isEqualTo(10001);
    }

    @Test
    void theServicePdbAndAutoscalerPointAtTheDeployment() {
        JsonNode deployment = manifest("base/deployment.yaml");
        JsonNode selector = deployment.get("spec").get("selector").get("matchLabels");
        JsonNode service = manifest("base/service.yaml");

        assertThat(service.get("spec").get("selector")).isEqualTo(selector);
        assertThat(service.get("spec").get("ports").get(0).get("port").asText()).isEqualTo(PORT);
        assertThat(service.get("spec").get("ports").get(0).get("targetPort").asText())
                .isEqualTo(deployment.get("spec").get("template").get("spec").get("containers").get(0)
                        .get("ports").get(0).get("name").asText());
        assertThat(manifest("base/pdb.yaml").get("spec").get("selector").get("matchLabels")).isEqualTo(selector);
        JsonNode hpa = manifest("base/hpa.yaml").get("spec");
        assertThat(hpa.get("scaleTargetRef").get("name").asText()).isEqualTo(deployment.get("metadata").get("name").asText());
        assertThat(hpa.get("minReplicas").asInt()).isEqualTo(3);
    }

    // ---- helpers ----

    private static void assertReadByTheServer(String where, Set<String> names) {
        for (String name : names) {
            assertThat(variableNames.contains(name) || variablePrefixes.stream().anyMatch(name::startsWith))
                    .as(where + " sets " + name + ", which no code reads").isTrue();
        }
    }

    private static List<String> busServices(JsonNode services) {
        List<String> buses = new ArrayList<>();
        services.fields().forEachRemaining(s -> {
            if (s.getValue().has("build")) {
                buses.add(s.getKey());
            }
        });
        return buses;
    }

    private static Map<String, String> envFile(Path file) {
        Map<String, String> env = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    int eq = trimmed.indexOf('=');
                    env.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    private static JsonNode manifest(String path) {
        try {
            return readYaml(ROOT.resolve("deploy/k8s").resolve(path)).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> data(JsonNode manifest, String field) {
        Map<String, String> data = new TreeMap<>();
        manifest.get(field).fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    private static String probe(JsonNode container, String kind) {
        return container.get(kind).get("httpGet").get("path").asText();
    }

    /** Every document of a YAML file. */
    private static List<JsonNode> readYaml(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = ((YAMLFactory) YAML.getFactory()).createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !(doc instanceof ObjectNode o && o.isEmpty())) {
                    docs.add(doc);
                }
            });
        }
        assertThat(docs).as(file + " has a YAML document").isNotEmpty();
        return docs;
    }
}
