package io.musicplatform.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every object each chart renders (defaults and each ci/ values file) is a valid Kubernetes object
 * with no unknown field, and every workload keeps the rules a platform team expects: probes,
 * resources, a hardened security context and a pinned image on every container; a NetworkPolicy,
 * a PodDisruptionBudget and a ServiceMonitor for every service and the web app, which reaches only
 * what it uses.
 */
class ManifestPolicyTest {

    static List<Arguments> renderings() {
        return ChartLintTest.applicationsWithValues();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyObjectIsValidAndEveryWorkloadHardened(String chart, Path values) {
        List<HasMetadata> objects = Manifests.parse(Charts.render(chart, values, Map.of()));
        assertThat(Manifests.ofKind(objects, Deployment.class)).as("Deployments read with the model").isNotEmpty();
        for (Deployment deployment : Manifests.ofKind(objects, Deployment.class)) {
            assertHardened(deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec(), true);
        }
        for (Job job : Manifests.ofKind(objects, Job.class)) {
            // A run-to-completion Job has no probes to answer; the rest of the rules hold.
            assertHardened(job.getMetadata().getName(), job.getSpec().getTemplate().getSpec(), false);
        }
    }

    @Test
    void everyServiceHasItsFenceBudgetMonitorAndAutoscaler() {
        List<HasMetadata> objects = Manifests.parse(Charts.render(Charts.UMBRELLA, null, Map.of()));
        for (String service : Charts.WORKLOADS) {
            String name = "music-" + service;
            assertThat(named(objects, Deployment.class)).as("Deployments").contains(name);
            assertThat(named(objects, Service.class)).as("Services").contains(name);
            assertThat(named(objects, NetworkPolicy.class)).as("NetworkPolicies").contains(name);
            assertThat(named(objects, PodDisruptionBudget.class)).as("PodDisruptionBudgets").contains(name);
            assertThat(named(objects, ServiceMonitor.class)).as("ServiceMonitors").contains(name);
            assertThat(named(objects, PrometheusRule.class)).as("PrometheusRules").contains(name);
            assertThat(named(objects, HorizontalPodAutoscaler.class)).as("HorizontalPodAutoscalers").contains(name);
            assertThat(named(objects, ConfigMap.class)).as("ConfigMaps").contains(name);
        }
    }

    @Test
    void aServiceMayBeReachedOnlyByTheIngressControllerAndPrometheusAndReachOnlyWhatItUses() {
        List<HasMetadata> objects = Manifests.parse(Charts.render(Charts.UMBRELLA,
                Charts.source(Charts.UMBRELLA).resolve("ci/production-values.yaml"), Map.of()));
        NetworkPolicy search = Manifests.ofKind(objects, NetworkPolicy.class).stream()
                .filter(policy -> policy.getMetadata().getName().equals("music-search-service")).findFirst().orElseThrow();
        assertThat(search.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(search.getSpec().getIngress()).hasSize(2);
        assertThat(search.getSpec().getIngress().get(0).getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("http"));
        assertThat(search.getSpec().getIngress().get(1).getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("management"));
        // DNS, Kafka, the OIDC provider and the index: not PostgreSQL, not the storage.
        Set<Integer> egressPorts = search.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getIntVal()).collect(Collectors.toSet());
        assertThat(egressPorts).containsExactlyInAnyOrder(53, 9093, 443, 9200);
        assertThat(search.getSpec().getEgress()).allSatisfy(rule -> assertThat(rule.getTo()).as("every egress names its peers").isNotEmpty());

        NetworkPolicy playback = Manifests.ofKind(objects, NetworkPolicy.class).stream()
                .filter(policy -> policy.getMetadata().getName().equals("music-playback-service")).findFirst().orElseThrow();
        Set<String> peers = playback.getSpec().getEgress().stream().flatMap(rule -> rule.getTo().stream())
                .map(peer -> peer.getIpBlock() != null ? peer.getIpBlock().getCidr()
                        : String.valueOf(peer.getNamespaceSelector().getMatchLabels()))
                .collect(Collectors.toSet());
        assertThat(peers).contains("{kubernetes.io/metadata.name=databases}", "10.20.0.0/16", "203.0.113.10/32")
                .doesNotContain("{kubernetes.io/metadata.name=search}");
    }

    @Test
    void theWebAppReachesTheIngressControllerAndTheOidcProviderButNotKafka() {
        List<HasMetadata> objects = Manifests.parse(Charts.render(Charts.UMBRELLA,
                Charts.source(Charts.UMBRELLA).resolve("ci/production-values.yaml"), Map.of()));
        NetworkPolicy web = Manifests.ofKind(objects, NetworkPolicy.class).stream()
                .filter(policy -> policy.getMetadata().getName().equals("music-web")).findFirst().orElseThrow();
        assertThat(web.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(web.getSpec().getIngress()).hasSize(2);
        assertThat(web.getSpec().getIngress().get(0).getFrom()).extracting(peer -> peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
        assertThat(web.getSpec().getIngress().get(0).getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("http"));
        assertThat(web.getSpec().getIngress().get(1).getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("management"));

        // Egress: DNS, the OIDC provider and the ingress controller (the public API the relay calls); no Kafka, no store.
        Map<String, Set<Integer>> portsByPeer = web.getSpec().getEgress().stream().collect(Collectors.toMap(
                rule -> rule.getTo().stream().map(ManifestPolicyTest::peer).sorted().collect(Collectors.joining(",")),
                rule -> rule.getPorts().stream().map(port -> port.getPort().getIntVal()).collect(Collectors.toSet())));
        assertThat(portsByPeer).hasSize(3)
                .containsEntry("{kubernetes.io/metadata.name=kube-system}", Set.of(53))
                .containsEntry("203.0.113.10/32", Set.of(443))
                .containsEntry("{kubernetes.io/metadata.name=ingress-nginx}", Set.of(80, 443));
        Set<Integer> egressPorts = portsByPeer.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(egressPorts).doesNotContain(9092, 9093, 5432, 9200, 9000);
        assertThat(portsByPeer.keySet()).doesNotContain("{kubernetes.io/metadata.name=kafka}");
        assertThat(web.getSpec().getEgress()).allSatisfy(rule -> assertThat(rule.getTo()).as("every egress names its peers").isNotEmpty());
    }

    @Test
    void theIngressRoutesEverythingElseToTheWebApp() {
        Ingress ingress = Manifests.ofKind(Manifests.parse(Charts.render(Charts.UMBRELLA, null, Map.of())), Ingress.class).get(0);
        List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
        assertThat(paths.get(paths.size() - 1)).satisfies(root -> {
            assertThat(root.getPath()).isEqualTo("/");
            assertThat(root.getPathType()).isEqualTo("Prefix");
            assertThat(root.getBackend().getService().getName()).isEqualTo("music-web");
            assertThat(root.getBackend().getService().getPort().getName()).isEqualTo("http");
        });
        assertThat(paths.subList(0, paths.size() - 1)).allSatisfy(api -> assertThat(api.getPath()).startsWith("/api/"));

        List<HasMetadata> withoutWeb = Manifests.parse(Charts.render(Charts.UMBRELLA, null, Map.of("web.enabled", "false")));
        assertThat(Manifests.ofKind(withoutWeb, Ingress.class).get(0).getSpec().getRules().get(0).getHttp().getPaths())
                .noneMatch(path -> path.getPath().equals("/"));
        assertThat(named(withoutWeb, Deployment.class)).doesNotContain("music-web");
    }

    private static String peer(NetworkPolicyPeer peer) {
        return peer.getIpBlock() != null ? peer.getIpBlock().getCidr() : String.valueOf(peer.getNamespaceSelector().getMatchLabels());
    }

    @Test
    void switchesTurnTheirObjectsOff() {
        List<HasMetadata> objects = Manifests.parse(Charts.render(Charts.UMBRELLA, null, Map.of(
                "global.networkPolicy.enabled", "false",
                "global.monitoring.serviceMonitor.enabled", "false",
                "stats-service.enabled", "false",
                "ingress.enabled", "false")));
        assertThat(Manifests.ofKind(objects, NetworkPolicy.class)).isEmpty();
        assertThat(Manifests.ofKind(objects, ServiceMonitor.class)).isEmpty();
        assertThat(Manifests.ofKind(objects, PrometheusRule.class)).hasSize(Charts.WORKLOADS.size() - 1);
        assertThat(named(objects, Deployment.class)).hasSize(Charts.WORKLOADS.size() - 1).doesNotContain("music-stats-service");
        assertThat(objects).noneMatch(object -> object.getKind().equals("Ingress"));
    }

    @Test
    void aMisspeltFieldIsRefused() {
        // The strictness the checks above rely on: a field the model does not know fails the parse.
        String misspelt = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: typo}}
                  template:
                    metadata: {labels: {app: typo}}
                    spec:
                      containers:
                        - name: typo
                          image: music/typo:1
                          readinessProbes: {}
                """;
        assertThatThrownBy(() -> Manifests.parse(misspelt)).hasMessageContaining("readinessProbes");
    }

    private static void assertHardened(String workload, PodSpec pod, boolean serves) {
        assertThat(pod.getAutomountServiceAccountToken()).as("%s mounts no service account token", workload).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s pod runAsNonRoot", workload).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as("%s pod seccomp", workload).isEqualTo("RuntimeDefault");
        List<Container> containers = pod.getContainers();
        assertThat(containers).isNotEmpty();
        for (Container container : containers) {
            String what = workload + "/" + container.getName();
            assertThat(container.getImage()).as("%s image is pinned", what).matches("[^:@]+(:[^:]+|@sha256:[0-9a-f]{64})")
                    .doesNotEndWith(":latest");
            assertThat(container.getResources().getRequests()).as("%s requests", what).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as("%s limits", what).containsKey("memory");
            SecurityContext security = container.getSecurityContext();
            assertThat(security).as("%s securityContext", what).isNotNull();
            assertThat(security.getRunAsNonRoot()).as("%s runAsNonRoot", what).isTrue();
            assertThat(security.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", what).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", what).isFalse();
            assertThat(security.getCapabilities().getDrop()).as("%s drops all capabilities", what).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).as("%s adds none", what).isNullOrEmpty();
            assertThat(security.getSeccompProfile().getType()).as("%s seccomp", what).isEqualTo("RuntimeDefault");
            if (serves) {
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).as("%s liveness", what).isEqualTo("/q/health/live");
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).as("%s readiness", what).isEqualTo("/q/health/ready");
                assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).as("%s probes the management port", what)
                        .isEqualTo("management");
                assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
            }
        }
    }

    private static <T extends HasMetadata> List<String> named(List<HasMetadata> objects, Class<T> kind) {
        return Manifests.ofKind(objects, kind).stream().map(object -> object.getMetadata().getName()).toList();
    }
}
