{{/* The ClusterIP Service: the API port (for the Ingress) and the management port (for Prometheus). */}}
{{- define "music-common.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "music-common.fullname" . }}
  labels:
    {{- include "music-common.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "music-common.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
    - name: management
      port: {{ .Values.service.managementPort }}
      targetPort: management
      protocol: TCP
{{- end -}}

{{- define "music-common.serviceaccount" -}}
{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "music-common.serviceAccountName" . }}
  labels:
    {{- include "music-common.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
# The services never call the Kubernetes API.
automountServiceAccountToken: false
{{- end -}}
{{- end -}}

{{/* Scales on CPU between minReplicas and maxReplicas (the Deployment then leaves replicas to it). */}}
{{- define "music-common.hpa" -}}
{{- if .Values.autoscaling.enabled -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "music-common.fullname" . }}
  labels:
    {{- include "music-common.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "music-common.fullname" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPUUtilizationPercentage }}
{{- end -}}
{{- end -}}

{{/* Voluntary disruptions (node drains, upgrades) leave at least minAvailable pods serving. */}}
{{- define "music-common.pdb" -}}
{{- if .Values.podDisruptionBudget.enabled -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "music-common.fullname" . }}
  labels:
    {{- include "music-common.labels" . | nindent 4 }}
spec:
  minAvailable: {{ .Values.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels:
      {{- include "music-common.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}
