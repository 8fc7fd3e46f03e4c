package io.musicplatform.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.musicplatform.events.TopicSpec;
import io.musicplatform.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the values do: the schema refuses wrong types and unknown keys with a message naming them,
 * the Ingress routes exactly as the local gateway does, the topics carry events-schema's settings,
 * and every setting a service reads reaches it.
 */
class ChartValuesTest {

    static List<String> applications() {
        return Charts.applications();
    }

    @ParameterizedTest
    @MethodSource("applications")
    void theSchemaRefusesAnUnknownKey(String chart) {
        assertThatThrownBy(() -> Charts.render(chart, null, Map.of("global.kafka.bootstrapServer", "kafka:9092")))
                .hasMessageContaining("bootstrapServer");
        String ownKey = chart.equals(Charts.UMBRELLA) ? "ingres.enabled" : "autoscalling.enabled";
        assertThatThrownBy(() -> Charts.render(chart, null, Map.of(ownKey, "true"))).hasMessageContaining(ownKey.split("\\.")[0]);
    }

    @ParameterizedTest
    @MethodSource("applications")
    void theSchemaRefusesAWrongType(String chart) {
        assertThatThrownBy(() -> Charts.render(chart, null, Map.of("global.postgres.port", "five")))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> Charts.render(chart, null, Map.of("global.image.flavor", "wasm")))
                .hasMessageContaining("flavor");
    }

    @Test
    void aServiceChartRefusesTheLatestTag() {
        assertThatThrownBy(() -> Charts.render("catalog-service", null, Map.of("image.tag", "latest")))
                .hasMessageContaining("tag");
    }

    @Test
    void theIngressRoutesAsTheLocalGatewayDoes() throws IOException {
        Properties gateway = new Properties();
        try (Reader reader = Files.newBufferedReader(Charts.root().resolve("gateway/src/main/resources/application.properties"))) {
            gateway.load(reader);
        }
        Map<String, String> gatewayRoutes = gateway.stringPropertyNames().stream()
                .filter(key -> key.startsWith("music.gateway.routes.") && key.endsWith(".path"))
                .collect(Collectors.toMap(gateway::getProperty,
                        key -> chartOfRoute(key.substring("music.gateway.routes.".length(), key.length() - ".path".length()))));

        Ingress ingress = Manifests.ofKind(Manifests.parse(Charts.render(Charts.UMBRELLA, null, Map.of())), Ingress.class).get(0);
        Map<String, String> ingressRoutes = ingress.getSpec().getRules().get(0).getHttp().getPaths().stream()
                .collect(Collectors.toMap(path -> path.getPath(), path -> path.getBackend().getService().getName().substring("music-".length())));
        assertThat(ingressRoutes).isEqualTo(gatewayRoutes);
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
                .allSatisfy(path -> assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http"));
    }

    @Test
    void strimziTopicsCarryTheSettingsEventsSchemaDeclares() {
        List<HasMetadata> objects = Manifests.parse(Charts.render(Charts.UMBRELLA, null, Map.of("topics.mode", "strimzi")));
        Map<String, Map<String, Object>> rendered = new LinkedHashMap<>();
        for (GenericKubernetesResource topic : Manifests.generic(objects, "KafkaTopic")) {
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "music");
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) topic.getAdditionalProperties().get("spec");
            assertThat(spec).containsOnlyKeys("topicName", "partitions", "replicas", "config");
            rendered.put((String) spec.get("topicName"), spec);
        }
        assertThat(rendered.keySet()).containsExactlyElementsOf(Topics.all().stream().map(TopicSpec::name).toList());
        for (TopicSpec declared : Topics.all()) {
            Map<String, Object> spec = rendered.get(declared.name());
            assertThat(spec.get("partitions")).as("partitions of %s", declared.name()).isEqualTo(declared.partitions());
            assertThat(spec.get("config")).as("config of %s", declared.name()).isEqualTo(declared.configs());
        }
    }

    @Test
    void withoutAnOperatorAJobRunsTheTopicCreator() {
        List<Job> jobs = Manifests.ofKind(Manifests.parse(Charts.render(Charts.UMBRELLA, null, Map.of())), Job.class);
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.getMetadata().getName()).isEqualTo("music-topics-1");
            var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getCommand()).contains(Topics.class.getPackageName() + ".TopicCreator");
            assertThat(container.getArgs()).containsExactly("music-kafka-bootstrap:9092");
        });
    }

    @Test
    void everySettingAServiceReadsReachesIt() {
        List<HasMetadata> objects = Manifests.parse(Charts.render(Charts.UMBRELLA,
                Charts.source(Charts.UMBRELLA).resolve("ci/production-values.yaml"), Map.of()));
        Map<String, String> playback = configMap(objects, "music-playback-service");
        assertThat(playback).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "music-kafka-bootstrap.kafka.svc:9093")
                .containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", "https://sso.example.com/realms/music")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://music-db.databases.svc:5432/music?sslmode=require")
                .containsEntry("MUSIC_STORAGE_ENDPOINT", "https://s3.internal.example.com")
                .containsEntry("MUSIC_STORAGE_PUBLIC_ENDPOINT", "https://media.example.com")
                .containsEntry("MUSIC_STORAGE_CORS_ORIGINS", "https://music.example.com")
                .containsEntry("MUSIC_PLAYBACK_PLAYS_PER_MINUTE", "240")
                .doesNotContainKey("QUARKUS_ELASTICSEARCH_HOSTS");
        assertThat(configMap(objects, "music-search-service")).containsEntry("QUARKUS_ELASTICSEARCH_HOSTS", "search-master.search.svc:9200")
                .containsEntry("QUARKUS_ELASTICSEARCH_PROTOCOL", "https").doesNotContainKeys("QUARKUS_DATASOURCE_REACTIVE_URL", "MUSIC_STORAGE_ENDPOINT");

        Deployment deployment = Manifests.ofKind(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("music-playback-service")).findFirst().orElseThrow();
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example.com/music/playback-service:0.1.0");
        Map<String, String> secrets = container.getEnv().stream().filter(env -> env.getValueFrom() != null)
                .collect(Collectors.toMap(env -> env.getName(),
                        env -> env.getValueFrom().getSecretKeyRef().getName() + "/" + env.getValueFrom().getSecretKeyRef().getKey()));
        assertThat(secrets).containsOnly(
                Map.entry("QUARKUS_DATASOURCE_USERNAME", "music-db-credentials/username"),
                Map.entry("QUARKUS_DATASOURCE_PASSWORD", "music-db-credentials/password"),
                Map.entry("MUSIC_STORAGE_ACCESS_KEY", "music-s3-credentials/access-key"),
                Map.entry("MUSIC_STORAGE_SECRET_KEY", "music-s3-credentials/secret-key"));
    }

    @Test
    void settingsReachTheServiceAsWritten() throws IOException {
        // A values file's numbers are float64 to Helm: a large one must not become 2.147483648e+09, which a long setting refuses.
        Path values = Files.createTempFile(Path.of("target"), "settings", ".yaml");
        Files.writeString(values, """
                settings:
                  music.ingestion.max-upload-bytes: 2147483648
                  music.ingestion.job-concurrency: 8
                  music.ingestion.upload-url-ttl: PT15M
                  quarkus.log.category."org.apache.kafka".level: WARN
                """);
        Map<String, String> ingestion = configMap(Manifests.parse(Charts.render("ingestion-service", values, Map.of())), "music-ingestion-service");
        assertThat(ingestion).containsEntry("MUSIC_INGESTION_MAX_UPLOAD_BYTES", "2147483648")
                .containsEntry("MUSIC_INGESTION_JOB_CONCURRENCY", "8")
                .containsEntry("MUSIC_INGESTION_UPLOAD_URL_TTL", "PT15M")
                .containsEntry("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL", "WARN");
    }

    @Test
    void strimziTopicsAreKeptOnUninstallAndGoWhereTheOperatorWatches() {
        List<GenericKubernetesResource> topics = Manifests.generic(Manifests.parse(Charts.render(Charts.UMBRELLA, null,
                Map.of("topics.mode", "strimzi", "topics.strimzi.namespace", "kafka"))), "KafkaTopic");
        assertThat(topics).hasSize(Topics.all().size()).allSatisfy(topic -> {
            assertThat(topic.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
            assertThat(topic.getMetadata().getNamespace()).isEqualTo("kafka");
        });
    }

    @Test
    void theNativeFlavourPicksTheNativeImageAndItsResources() {
        List<HasMetadata> objects = Manifests.parse(Charts.render(Charts.UMBRELLA,
                Charts.source(Charts.UMBRELLA).resolve("ci/native-values.yaml"), Map.of()));
        Map<String, String> images = Manifests.ofKind(objects, Deployment.class).stream().collect(Collectors.toMap(
                d -> d.getMetadata().getName(), d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));
        assertThat(images).containsEntry("music-catalog-service", "music/catalog-service:0.1.0-native")
                .containsEntry("music-ingestion-service", "music/ingestion-service:0.1.0");
        Deployment catalog = Manifests.ofKind(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("music-catalog-service")).findFirst().orElseThrow();
        assertThat(catalog.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().get("memory"))
                .hasToString("256Mi");
    }

    /** The chart serving a gateway route: "<route>-service" for the services, the route's own name for the web app. */
    private static String chartOfRoute(String route) {
        return Charts.applications().contains(route + "-service") ? route + "-service" : route;
    }

    @Test
    void theWebAppGetsItsSettingsAndItsSecretsFromAnExistingSecretButNoKafka() {
        List<HasMetadata> objects = Manifests.parse(Charts.render(Charts.UMBRELLA,
                Charts.source(Charts.UMBRELLA).resolve("ci/production-values.yaml"), Map.of()));
        assertThat(configMap(objects, "music-web"))
                .containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", "https://sso.example.com/realms/music")
                .containsEntry("QUARKUS_OIDC_CLIENT_ID", "music-app")
                .containsEntry("MUSIC_WEB_GATEWAY_URL", "https://music.example.com")
                .containsEntry("MUSIC_WEB_CSRF_SECURE_COOKIE", "true")
                .containsEntry("QUARKUS_HTTP_PORT", "8080")
                .containsEntry("QUARKUS_MANAGEMENT_PORT", "9000")
                .doesNotContainKeys("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_REACTIVE_URL", "MUSIC_STORAGE_ENDPOINT");
        assertThat(configMap(objects, "music-catalog-service")).containsKey("KAFKA_BOOTSTRAP_SERVERS");

        Deployment web = Manifests.ofKind(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("music-web")).findFirst().orElseThrow();
        var container = web.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example.com/music/web:0.1.0");
        assertThat(container.getEnv()).allSatisfy(env -> assertThat(env.getValue()).as("%s is no plain value", env.getName()).isNull());
        Map<String, String> secrets = container.getEnv().stream().filter(env -> env.getValueFrom() != null)
                .collect(Collectors.toMap(env -> env.getName(),
                        env -> env.getValueFrom().getSecretKeyRef().getName() + "/" + env.getValueFrom().getSecretKeyRef().getKey()));
        assertThat(secrets).containsOnly(
                Map.entry("QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", "music-web-credentials/token-encryption-secret"),
                Map.entry("QUARKUS_OIDC_AUTHENTICATION_STATE_SECRET", "music-web-credentials/state-secret"),
                Map.entry("MUSIC_WEB_CSRF_SECRET", "music-web-credentials/csrf-secret"));
    }

    @Test
    void theWebAppNeedsNoKafkaAddressButTheServicesDo() {
        Map<String, String> noKafka = Map.of("global.kafka.bootstrapServers", "");
        assertThat(configMap(Manifests.parse(Charts.render(Charts.WEB, null, noKafka)), "music-web"))
                .doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> Charts.render("catalog-service", null, noKafka))
                .hasMessageContaining("bootstrapServers");
    }

    @Test
    void theWebAppNeedsTheApiAddress() {
        assertThatThrownBy(() -> Charts.render(Charts.WEB, null, Map.of("gatewayUrl", "")))
                .hasMessageContaining("gatewayUrl must be set");
    }

    private static Map<String, String> configMap(List<HasMetadata> objects, String name) {
        return Manifests.ofKind(objects, ConfigMap.class).stream().filter(map -> map.getMetadata().getName().equals(name))
                .findFirst().orElseThrow().getData();
    }
}
