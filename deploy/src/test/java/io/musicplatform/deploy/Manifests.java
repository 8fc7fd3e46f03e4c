package io.musicplatform.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rendered manifests read with the Kubernetes object model (fabric8), strictly: a field the model
 * does not know (a misspelling, a field at the wrong level) fails instead of landing in
 * {@code additionalProperties}, which is what a real API server with field validation would refuse.
 * The Prometheus Operator's kinds come from fabric8's monitoring model; a kind no model knows
 * (Strimzi's KafkaTopic) is returned as a generic resource for the caller to check.
 */
final class Manifests {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization STRICT = strictSerialization();
    private static final KubernetesSerialization LENIENT = new KubernetesSerialization();

    private Manifests() {
    }

    /** Every object of a {@code helm template} output, in order. */
    static List<HasMetadata> parse(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(rendered)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
                continue;
            }
            try {
                GenericKubernetesResource header = LENIENT.unmarshal(document, GenericKubernetesResource.class);
                boolean modelled = STRICT.getRegisteredKubernetesResource(header.getApiVersion(), header.getKind()) != null;
                objects.add(modelled ? STRICT.unmarshal(document, HasMetadata.class) : header);
            } catch (RuntimeException e) {
                throw new AssertionError("Not a valid Kubernetes object (" + e.getMessage() + "):\n" + document, e);
            }
        }
        return objects;
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static List<GenericKubernetesResource> generic(List<HasMetadata> objects, String kind) {
        return objects.stream().filter(GenericKubernetesResource.class::isInstance).map(GenericKubernetesResource.class::cast)
                .filter(object -> kind.equals(object.getKind())).toList();
    }

    private static KubernetesSerialization strictSerialization() {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated annotated) {
                        // The model's any-setters are where unknown fields would land: without them, they fail.
                        return Boolean.FALSE;
                    }
                });
        KubernetesSerialization serialization = new KubernetesSerialization(mapper, true);
        serialization.registerKubernetesResource(ServiceMonitor.class);
        serialization.registerKubernetesResource(PrometheusRule.class);
        return serialization;
    }
}
