{{/*
The service's settings as environment variables: where Kafka (if it uses it), the OIDC provider
and its stores are, the chart's own variables (if its Chart.yaml names a template for them),
the ports the chart's probes and Service use, the production profile, and the service's own
tunables from .Values.settings (property name: value; see the service's docs page).
*/}}
{{- define "music-common.configmap" -}}
{{- $g := include "music-common.global" . | fromYaml -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "music-common.fullname" . }}
  labels:
    {{- include "music-common.labels" . | nindent 4 }}
data:
  QUARKUS_PROFILE: prod
  QUARKUS_HTTP_PORT: "8080"
  QUARKUS_MANAGEMENT_PORT: "9000"
  # In-flight requests get this long to finish once the pod is told to stop (after the preStop pause).
  QUARKUS_SHUTDOWN_TIMEOUT: "20s"
  {{- if include "music-common.usesKafka" . }}
  KAFKA_BOOTSTRAP_SERVERS: {{ include "music-common.required" (dict "name" "global.kafka.bootstrapServers" "value" $g.kafka.bootstrapServers) | quote }}
  {{- end }}
  QUARKUS_OIDC_AUTH_SERVER_URL: {{ include "music-common.required" (dict "name" "global.oidc.authServerUrl" "value" $g.oidc.authServerUrl) | quote }}
  {{- if include "music-common.usesStore" (dict "store" "postgres" "context" .) }}
  {{- $database := printf "%s:%v/%s" (include "music-common.required" (dict "name" "global.postgres.host" "value" $g.postgres.host)) $g.postgres.port $g.postgres.database }}
  QUARKUS_DATASOURCE_JDBC_URL: {{ printf "jdbc:postgresql://%s?sslmode=%s" $database $g.postgres.sslMode | quote }}
  QUARKUS_DATASOURCE_REACTIVE_URL: {{ printf "postgresql://%s?sslmode=%s" $database $g.postgres.sslMode | quote }}
  {{- end }}
  {{- if include "music-common.usesStore" (dict "store" "opensearch" "context" .) }}
  QUARKUS_ELASTICSEARCH_HOSTS: {{ include "music-common.required" (dict "name" "global.opensearch.hosts" "value" $g.opensearch.hosts) | quote }}
  QUARKUS_ELASTICSEARCH_PROTOCOL: {{ $g.opensearch.protocol | quote }}
  {{- end }}
  {{- if include "music-common.usesStore" (dict "store" "storage" "context" .) }}
  MUSIC_STORAGE_ENDPOINT: {{ include "music-common.required" (dict "name" "global.storage.endpoint" "value" $g.storage.endpoint) | quote }}
  {{- with $g.storage.publicEndpoint }}
  MUSIC_STORAGE_PUBLIC_ENDPOINT: {{ . | quote }}
  {{- end }}
  {{- with $g.storage.corsOrigins }}
  MUSIC_STORAGE_CORS_ORIGINS: {{ join "," . | quote }}
  {{- end }}
  MUSIC_STORAGE_BUCKET: {{ $g.storage.bucket | quote }}
  MUSIC_STORAGE_REGION: {{ $g.storage.region | quote }}
  {{- end }}
  {{- /* The chart's own variables: the template its Chart.yaml annotation "music-platform.io/config-template" names. */}}
  {{- with and .Chart.Annotations (index .Chart.Annotations "music-platform.io/config-template") }}
  {{- include . $ | trim | nindent 2 }}
  {{- end }}
  {{- range $name, $value := .Values.settings }}
  {{- /* Helm reads numbers as float64: toJson writes 2147483648 as such, where toString would write 2.147483648e+09. */}}
  {{ include "music-common.envName" $name }}: {{ ternary $value ($value | toJson) (kindIs "string" $value) | quote }}
  {{- end }}
{{- end -}}
