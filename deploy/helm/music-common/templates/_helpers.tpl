{{/*
Names and labels shared by every object of a service chart and by the umbrella chart.
*/}}

{{/* The service's name: the chart name unless nameOverride says otherwise. */}}
{{- define "music-common.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The name of the service's objects: <release>-<service>, or just <release> when the release is
already named after the service; fullnameOverride wins. The umbrella's Ingress names the
Services it routes to with "music-common.serviceFullname", which applies the same rule.
*/}}
{{- define "music-common.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- include "music-common.serviceFullname" (dict "release" .Release.Name "service" (include "music-common.name" .)) -}}
{{- end -}}
{{- end -}}

{{/* The object name of a service of the release: (dict "release" .Release.Name "service" "catalog-service"). */}}
{{- define "music-common.serviceFullname" -}}
{{- if contains .service .release -}}
{{- .release | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .release .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels that select the service's pods; never changed after the first install. */}}
{{- define "music-common.selectorLabels" -}}
app.kubernetes.io/name: {{ include "music-common.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels on every object (the app.kubernetes.io/* set, as on every metric through the job label). */}}
{{- define "music-common.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "music-common.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: api
app.kubernetes.io/part-of: music-platform
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The ServiceAccount the pods run as. */}}
{{- define "music-common.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "music-common.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The stores the service uses, from its Chart.yaml annotation "music-platform.io/stores" (a fact
about the service, not a setting): a list among postgres, opensearch and storage.
*/}}
{{- define "music-common.stores" -}}
{{- $stores := "" -}}
{{- if .Chart.Annotations -}}{{- $stores = index .Chart.Annotations "music-platform.io/stores" | default "" -}}{{- end -}}
{{- toJson (splitList "," $stores | compact) -}}
{{- end -}}

{{/*
Whether the chart talks to Kafka, from its Chart.yaml annotation "music-platform.io/kafka" ("false"
for a chart that does not, such as the web app); without the annotation, yes, as every service does.
*/}}
{{- define "music-common.usesKafka" -}}
{{- $kafka := "true" -}}
{{- if .Chart.Annotations -}}{{- $kafka = index .Chart.Annotations "music-platform.io/kafka" | default "true" -}}{{- end -}}
{{- if eq $kafka "true" -}}true{{- end -}}
{{- end -}}

{{/*
Whether the chart calls the public API through the ingress controller, from its Chart.yaml
annotation "music-platform.io/reaches-ingress" ("true" for the web app, whose relay forwards to
the public API); without it, no.
*/}}
{{- define "music-common.reachesIngress" -}}
{{- if and .Chart.Annotations (eq (index .Chart.Annotations "music-platform.io/reaches-ingress" | default "false") "true") -}}true{{- end -}}
{{- end -}}

{{- define "music-common.usesStore" -}}
{{- if has .store (include "music-common.stores" .context | fromJsonArray) -}}true{{- end -}}
{{- end -}}

{{/*
The image: <registry>/<repository>:<tag>, with "-native" appended to the tag for the native
flavour. The tag defaults to the chart's appVersion, so an image is always pinned.
*/}}
{{- define "music-common.image" -}}
{{- $global := default dict .Values.global -}}
{{- $globalImage := default dict $global.image -}}
{{- $registry := default $globalImage.registry .Values.image.registry -}}
{{- $tag := default (default .Chart.AppVersion $globalImage.tag) .Values.image.tag -}}
{{- $flavor := include "music-common.imageFlavor" . -}}
{{- if eq $flavor "native" -}}{{- $tag = printf "%s-native" $tag -}}{{- end -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry .Values.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "music-common.imageFlavor" -}}
{{- $global := default dict .Values.global -}}
{{- $globalImage := default dict $global.image -}}
{{- default (default "jvm" $globalImage.flavor) .Values.image.flavor -}}
{{- end -}}

{{/* A required global setting, with a message that names the value to set. */}}
{{- define "music-common.required" -}}
{{- required (printf "%s must be set (see values.yaml: %s)" .name .name) .value -}}
{{- end -}}

{{/* A property name as the environment variable that sets it (MicroProfile Config's rule). */}}
{{- define "music-common.envName" -}}
{{- regexReplaceAll "[^A-Za-z0-9]" . "_" | upper -}}
{{- end -}}
