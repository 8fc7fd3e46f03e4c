{{/*
The service's Deployment: hardened (non-root, read-only root filesystem with an emptyDir at /tmp,
no capabilities, seccomp RuntimeDefault, no service account token), probed on the management port
(/q/health/started, /live, /ready), its settings from the ConfigMap and its secrets from existing
Secrets, restarted when its ConfigMap changes.
*/}}
{{- define "music-common.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "music-common.fullname" . }}
  labels:
    {{- include "music-common.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "music-common.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  template:
    metadata:
      labels:
        {{- include "music-common.labels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include "music-common.configmap" . | sha256sum }}
        {{- with .Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "music-common.serviceAccountName" . }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      securityContext:
        runAsNonRoot: true
        runAsUser: {{ .Values.podSecurityContext.runAsUser }}
        runAsGroup: {{ .Values.podSecurityContext.runAsGroup }}
        fsGroup: {{ .Values.podSecurityContext.runAsGroup }}
        seccompProfile:
          type: RuntimeDefault
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ include "music-common.name" . }}
          image: {{ include "music-common.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: management
              containerPort: 9000
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "music-common.fullname" . }}
          {{- $secretEnv := include "music-common.secretEnv" . | trim }}
          {{- if or $secretEnv .Values.extraEnv }}
          env:
            {{- with $secretEnv }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with .Values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- end }}
          lifecycle:
            # The pause lets the ingress controller and the Service's endpoints drop the pod before it
            # stops accepting requests, so that a roll or a scale-down fails no request.
            preStop:
              sleep:
                seconds: {{ .Values.preStopSeconds }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: management
            periodSeconds: 2
            timeoutSeconds: 5
            failureThreshold: {{ .Values.probes.startupFailureThreshold }}
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: management
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: management
            periodSeconds: 5
            # Readiness answers within music.kafka.readiness-timeout (2 s) even with Kafka away.
            timeoutSeconds: 5
            failureThreshold: 2
          resources:
            {{- toYaml (index .Values.resources (include "music-common.imageFlavor" .)) | nindent 12 }}
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            privileged: false
            capabilities:
              drop: ["ALL"]
            seccompProfile:
              type: RuntimeDefault
          volumeMounts:
            # The JVM, Vert.x and the AWS SDK write temporary files; the root filesystem stays read-only.
            - name: tmp
              mountPath: /tmp
            {{- with .Values.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ .Values.tmpSizeLimit }}
        {{- with .Values.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      # Replicas spread over nodes when the cluster can, so that one node's loss leaves the service up.
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "music-common.selectorLabels" . | nindent 14 }}
{{- end -}}

{{/*
The secrets the service reads, each from an existing Secret: the stores' named in the global values,
then the chart's own (.Values.secrets: existingSecret and keys, property name: key in that Secret).
*/}}
{{- define "music-common.secretEnv" -}}
{{- $g := include "music-common.global" . | fromYaml -}}
{{- if include "music-common.usesStore" (dict "store" "postgres" "context" .) }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "music-common.required" (dict "name" "global.postgres.existingSecret" "value" $g.postgres.existingSecret) }}
      key: {{ $g.postgres.usernameKey }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $g.postgres.existingSecret }}
      key: {{ $g.postgres.passwordKey }}
{{- end }}
{{- if and (include "music-common.usesStore" (dict "store" "opensearch" "context" .)) $g.opensearch.existingSecret }}
- name: QUARKUS_ELASTICSEARCH_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $g.opensearch.existingSecret }}
      key: {{ $g.opensearch.usernameKey }}
- name: QUARKUS_ELASTICSEARCH_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $g.opensearch.existingSecret }}
      key: {{ $g.opensearch.passwordKey }}
{{- end }}
{{- if include "music-common.usesStore" (dict "store" "storage" "context" .) }}
- name: MUSIC_STORAGE_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "music-common.required" (dict "name" "global.storage.existingSecret" "value" $g.storage.existingSecret) }}
      key: {{ $g.storage.accessKeyKey }}
- name: MUSIC_STORAGE_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $g.storage.existingSecret }}
      key: {{ $g.storage.secretKeyKey }}
{{- end }}
{{- with .Values.secrets }}
{{- range $property, $key := .keys }}
- name: {{ include "music-common.envName" $property }}
  valueFrom:
    secretKeyRef:
      name: {{ include "music-common.required" (dict "name" "secrets.existingSecret" "value" $.Values.secrets.existingSecret) }}
      key: {{ $key }}
{{- end }}
{{- end }}
{{- end -}}
