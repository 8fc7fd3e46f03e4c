{{/* What a service chart tells the operator after install. */}}
{{- define "music-common.notes" -}}
{{ include "music-common.name" . }} {{ .Chart.AppVersion }} is installed as {{ include "music-common.fullname" . }} in namespace "{{ .Release.Namespace }}".

What to check next:

1. It becomes ready (readiness checks Kafka, its topics and its stores):
     kubectl -n {{ .Release.Namespace }} rollout status deploy/{{ include "music-common.fullname" . }}
   If it does not, its readiness names the failing check:
     kubectl -n {{ .Release.Namespace }} port-forward deploy/{{ include "music-common.fullname" . }} 9000 & curl -s localhost:9000/q/health/ready

2. Its API is reached through your Ingress at {{ .Values.service.port }}/http on Service {{ include "music-common.fullname" . }};
   the umbrella chart music-platform routes the public API to every service.

3. Metrics: /q/metrics on port {{ .Values.service.managementPort }} (ServiceMonitor {{ include "music-common.fullname" . }}); alerts and what to do: docs/operations.md, "Alerts".
{{- end -}}
