package dev.kb.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * There is no cluster here, so the manifests in {@code deploy/} are held to what can be checked without one: probes
 * name routes kb serves, ports agree, every environment variable set is one kb reads, every Secret and ConfigMap key
 * used exists and every key defined is used, and the Dockerfile builds with the command {@code ./kb} builds with.
 */
class DeployManifestsTest {
    private static final Path MANIFESTS = Path.of("deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, JsonNode> byKind = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                JsonNode doc = YAML.readTree(file.toFile());
                byKind.put(doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText(), doc);
            }
        }
    }

    private static JsonNode container() {
        return byKind.get("Deployment/kb").path("spec").path("template").path("spec").path("containers").get(0);
    }

    @Test
    void every_part_of_the_deployment_is_there() {
        assertThat(byKind).containsKeys("Deployment/kb", "Service/kb", "ConfigMap/kb", "Secret/kb",
                "PodDisruptionBudget/kb", "HorizontalPodAutoscaler/kb", "Cluster/kb-db");
        assertThat(byKind.get("Deployment/kb").path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void probes_name_routes_kb_serves_on_the_port_the_container_exposes() throws IOException {
        String contract = Files.readString(Path.of("openapi.yaml"));
        Set<String> portNames = new HashSet<>();
        container().path("ports").forEach(p -> portNames.add(p.path("name").asText()));
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            JsonNode get = container().path(probe).path("httpGet");
            assertThat(contract).as(probe).contains("\n  " + get.path("path").asText() + ":\n");
            assertThat(portNames).as(probe).contains(get.path("port").asText());
        }
        assertThat(container().path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(container().path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
        int containerPort = container().path("ports").get(0).path("containerPort").asInt();
        assertThat(env().get("KB_PORT")).isEqualTo(String.valueOf(containerPort));
        JsonNode service = byKind.get("Service/kb").path("spec");
        assertThat(portNames).contains(service.path("ports").get(0).path("targetPort").asText());
        assertThat(service.path("selector")).isEqualTo(
                byKind.get("Deployment/kb").path("spec").path("selector").path("matchLabels"));
        assertThat(byKind.get("PodDisruptionBudget/kb").path("spec").path("selector").path("matchLabels"))
                .isEqualTo(service.path("selector"));
    }

    @Test
    void every_environment_variable_set_is_one_kb_reads() throws IOException {
        Set<String> read = new HashSet<>();
        Pattern env = Pattern.compile("env:(KB_[A-Z_]+)");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = env.matcher(Files.readString(f));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        assertThat(read).as("kb's own variables, read from the sources").contains("KB_DATABASE_URL", "KB_PORT");
        assertThat(env().keySet()).isSubsetOf(read);
        Matcher dockerEnv = Pattern.compile("\\b(KB_[A-Z_]+)=").matcher(Files.readString(Path.of("deploy/Dockerfile")));
        while (dockerEnv.find()) {
            assertThat(read).as("Dockerfile ENV").contains(dockerEnv.group(1));
        }
    }

    @Test
    void every_secret_and_config_key_used_exists_and_every_one_defined_is_used() {
        Set<String> used = new HashSet<>();
        container().path("env").forEach(e -> {
            JsonNode from = e.path("valueFrom");
            for (String kind : List.of("secretKeyRef", "configMapKeyRef")) {
                JsonNode ref = from.path(kind);
                if (!ref.isMissingNode()) {
                    used.add(kind + ":" + ref.path("name").asText() + ":" + ref.path("key").asText());
                }
            }
        });
        byKind.get("Deployment/kb").path("spec").path("template").path("spec").path("volumes").forEach(v -> v
                .path("configMap").path("items").forEach(i -> used.add("configMapKeyRef:"
                        + v.path("configMap").path("name").asText() + ":" + i.path("key").asText())));
        Set<String> defined = new HashSet<>();
        byKind.get("Secret/kb").path("stringData").fieldNames().forEachRemaining(k -> defined.add("secretKeyRef:kb:" + k));
        byKind.get("ConfigMap/kb").path("data").fieldNames().forEachRemaining(k -> defined.add("configMapKeyRef:kb:" + k));
        // CloudNativePG makes <cluster>-app with username and password for the cluster's owner.
        String cluster = byKind.get("Cluster/kb-db").path("metadata").path("name").asText();
        defined.add("secretKeyRef:" + cluster + "-app:username");
        defined.add("secretKeyRef:" + cluster + "-app:password");
        assertThat(used).isEqualTo(defined);
        assertThat(env().get("KB_DATABASE_URL")).contains(cluster + "-rw");
    }

    @Test
    void the_container_runs_as_non_root_on_a_read_only_root_with_its_writable_places_mounted() {
        JsonNode security = container().path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        Set<String> mounts = new HashSet<>();
        container().path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
        assertThat(mounts).contains(env().get("KB_DATA_DIR"), "/tmp");
        assertThat(byKind.get("Deployment/kb").path("spec").path("template").path("spec").path("securityContext")
                .path("runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void the_image_is_built_with_the_command_kb_builds_with() throws IOException {
        String dockerfile = Files.readString(Path.of("deploy/Dockerfile"));
        String launcher = Files.readString(Path.of("kb"));
        Matcher build = Pattern.compile("mvn -B -q (?:-f \"\\$here/pom.xml\" )?(-Dmaven.test.skip=true package)")
                .matcher(launcher);
        assertThat(build.find()).as("the launcher's build command").isTrue();
        assertThat(dockerfile).contains("RUN mvn -B -q " + build.group(1));
        assertThat(dockerfile).contains("USER 10001", "-XX:+ExitOnOutOfMemoryError");
        // The jar finds its dependencies through its manifest's Class-Path, in lib/ beside it.
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<classpathPrefix>lib/</classpathPrefix>");
        assertThat(dockerfile).contains("COPY --from=build /src/target/kb.jar /opt/kb/kb.jar",
                "COPY --from=build /src/target/lib /opt/kb/lib");
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        container().path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("value") ? e.path("value").asText() : "(from " + e.path("valueFrom").fieldNames().next() + ")"));
        return env;
    }
}
