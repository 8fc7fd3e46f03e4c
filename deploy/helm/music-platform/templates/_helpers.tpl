{{/* Labels of the umbrella's own objects (Ingress, topics, dashboards). */}}
{{- define "music-platform.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: music-platform
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
