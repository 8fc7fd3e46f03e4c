{{/*
Prometheus Operator objects: a ServiceMonitor that scrapes /q/metrics on the management port
(job label = the service name, as on the local platform, so dashboards and alerts read the same
everywhere) and the service's alert rules.
*/}}
{{- define "music-common.servicemonitor" -}}
{{- $m := (include "music-common.global" . | fromYaml).monitoring -}}
{{- if $m.serviceMonitor.enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "music-common.fullname" . }}
  labels:
    {{- include "music-common.labels" . | nindent 4 }}
    {{- with $m.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  jobLabel: app.kubernetes.io/name
  selector:
    matchLabels:
      {{- include "music-common.selectorLabels" . | nindent 6 }}
  namespaceSelector:
    matchNames:
      - {{ .Release.Namespace }}
  endpoints:
    - port: management
      path: /q/metrics
      interval: {{ $m.serviceMonitor.interval }}
      scrapeTimeout: {{ $m.serviceMonitor.scrapeTimeout }}
{{- end -}}
{{- end -}}

{{/*
The alerts every service has, with the service's own thresholds (.Values.alerts), then the
service's own rules (the chart's templates/_rules.tpl "<chart>.rules", if it defines them).
Each rule is unit-tested with promtool (deploy/src/test/resources/alerts/).
*/}}
{{- define "music-common.prometheusrule" -}}
{{- $m := (include "music-common.global" . | fromYaml).monitoring -}}
{{- if $m.prometheusRule.enabled -}}
{{- $job := include "music-common.name" . -}}
{{- $a := .Values.alerts -}}
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: {{ include "music-common.fullname" . }}
  labels:
    {{- include "music-common.labels" . | nindent 4 }}
    {{- with $m.prometheusRule.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  groups:
    - name: {{ $job }}
      rules:
        {{- if $m.serviceMonitor.enabled }}
        - alert: MusicServiceDown
          expr: sum(up{job="{{ $job }}"}) == 0 or absent(up{job="{{ $job }}"})
          for: {{ $a.serviceDown.for }}
          labels:
            severity: critical
            service: {{ $job }}
          annotations:
            summary: "{{ $job }} is down or not scraped"
            description: "No replica of {{ $job }} has been scraped successfully for {{ $a.serviceDown.for }}. See docs/operations.md#alerts (MusicServiceDown)."
        - alert: MusicReplicaDown
          expr: up{job="{{ $job }}"} == 0
          for: {{ $a.serviceDown.for }}
          labels:
            severity: warning
            service: {{ $job }}
          annotations:
            summary: "A replica of {{ $job }} is not scraped"
            description: "{{ "{{" }} $labels.instance {{ "}}" }} of {{ $job }} has not answered Prometheus for {{ $a.serviceDown.for }}. See docs/operations.md#alerts (MusicReplicaDown)."
        {{- end }}
        - alert: MusicHighErrorRate
          expr: |
            sum(rate(http_server_requests_seconds_count{job="{{ $job }}",outcome="SERVER_ERROR"}[5m]))
              / sum(rate(http_server_requests_seconds_count{job="{{ $job }}"}[5m])) > {{ $a.errorRate.ratio }}
          for: {{ $a.errorRate.for }}
          labels:
            severity: critical
            service: {{ $job }}
          annotations:
            summary: "{{ $job }} answers 5xx to more than {{ mulf $a.errorRate.ratio 100 }}% of requests"
            description: "{{ "{{" }} $value | humanizePercentage {{ "}}" }} of {{ $job }}'s requests failed with a 5xx over 5 minutes. See docs/operations.md#alerts (MusicHighErrorRate)."
        {{- if .Values.alerts.consumer.enabled }}
        - alert: MusicConsumerLagGrowing
          expr: |
            sum by (topic, group) (max by (topic, group, partition) (music_consumer_lag{job="{{ $job }}"})) > {{ $a.consumer.lagAbove }}
              and sum by (topic, group) (max by (topic, group, partition) (delta(music_consumer_lag{job="{{ $job }}"}[10m]))) > 0
          for: {{ $a.consumer.for }}
          labels:
            severity: warning
            service: {{ $job }}
          annotations:
            summary: "{{ $job }} falls behind on {{ "{{" }} $labels.topic {{ "}}" }}"
            description: "Group {{ "{{" }} $labels.group {{ "}}" }} is {{ "{{" }} $value {{ "}}" }} records behind on {{ "{{" }} $labels.topic {{ "}}" }} and the lag still grows. See docs/operations.md#alerts (MusicConsumerLagGrowing)."
        - alert: MusicDeadLetterRecords
          expr: sum by (topic) (increase(music_dlq_records_total{job="{{ $job }}"}[5m])) > 0
          labels:
            severity: warning
            service: {{ $job }}
          annotations:
            summary: "{{ $job }} sent records of {{ "{{" }} $labels.topic {{ "}}" }} to its dead-letter topic"
            description: "{{ "{{" }} $value {{ "}}" }} records of {{ "{{" }} $labels.topic {{ "}}" }} could not be read by {{ $job }} in 5 minutes and went to {{ "{{" }} $labels.topic {{ "}}" }}.dlq. See docs/operations.md#alerts (MusicDeadLetterRecords)."
        {{- end }}
        {{- with .Values.alerts.playLatency }}
        {{- if .enabled }}
        - alert: MusicPlayLatencyHigh
          expr: |
            histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{job="{{ $job }}",method="POST",uri="/tracks/{id}/play"}[5m]))) > {{ .objectiveSeconds }}
          for: {{ .for }}
          labels:
            severity: warning
            service: {{ $job }}
          annotations:
            summary: "Play latency p99 is over its objective ({{ .objectiveSeconds }} s)"
            description: "The 99th percentile of POST /play took {{ "{{" }} $value | humanizeDuration {{ "}}" }} over 5 minutes. See docs/operations.md#alerts (MusicPlayLatencyHigh)."
        {{- end }}
        {{- end }}
{{- end -}}
{{- end -}}
