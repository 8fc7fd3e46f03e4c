{{/*
The effective "global" settings: these defaults, overridden by whatever .Values.global sets (the
umbrella chart's global section, or a service chart's when installed alone). The keys and their
meaning are documented in music-platform's values.yaml.
*/}}
{{- define "music-common.global" -}}
{{- $user := default dict .Values.global -}}
{{- $global := mustMergeOverwrite (include "music-common.globalDefaults" . | fromYaml) (deepCopy $user) -}}
{{- /* A merge never lets false override a default true: the switches are copied as set. */ -}}
{{- range $path := list "networkPolicy.enabled" "monitoring.serviceMonitor.enabled" "monitoring.prometheusRule.enabled" -}}
{{- $keys := splitList "." $path -}}
{{- $from := $user -}}{{- $to := $global -}}
{{- range $i, $key := initial $keys -}}
{{- $from = default dict (get $from $key) -}}{{- $to = get $to $key -}}
{{- end -}}
{{- if hasKey $from (last $keys) -}}{{- $_ := set $to (last $keys) (get $from (last $keys)) -}}{{- end -}}
{{- end -}}
{{- toYaml $global -}}
{{- end -}}

{{- define "music-common.globalDefaults" -}}
image:
  registry: ""
  tag: ""
  flavor: ""
kafka:
  bootstrapServers: music-kafka-bootstrap:9092
  networkPolicy:
    to: []
    ports: [{port: 9092, protocol: TCP}]
oidc:
  authServerUrl: http://keycloak/realms/music
  networkPolicy:
    to: []
    ports: [{port: 80, protocol: TCP}, {port: 443, protocol: TCP}, {port: 8080, protocol: TCP}, {port: 8443, protocol: TCP}]
postgres:
  host: postgres
  port: 5432
  database: music
  sslMode: prefer
  existingSecret: music-postgres
  usernameKey: username
  passwordKey: password
  networkPolicy:
    to: []
    ports: [{port: 5432, protocol: TCP}]
opensearch:
  hosts: opensearch:9200
  protocol: http
  existingSecret: ""
  usernameKey: username
  passwordKey: password
  networkPolicy:
    to: []
    ports: [{port: 9200, protocol: TCP}]
storage:
  endpoint: http://minio:9000
  publicEndpoint: ""
  corsOrigins: []
  bucket: media
  region: us-east-1
  existingSecret: music-storage
  accessKeyKey: access-key
  secretKeyKey: secret-key
  networkPolicy:
    to: []
    ports: [{port: 443, protocol: TCP}, {port: 9000, protocol: TCP}]
networkPolicy:
  enabled: true
  ingressController:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
      podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
  toIngressController:
    to:
      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
        podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
    ports: [{port: 80, protocol: TCP}, {port: 443, protocol: TCP}]
  prometheus:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
      podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}
  dns:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: {matchLabels: {k8s-app: kube-dns}}
monitoring:
  serviceMonitor:
    enabled: true
    interval: 15s
    scrapeTimeout: 10s
    labels: {}
  prometheusRule:
    enabled: true
    labels: {}
{{- end -}}
