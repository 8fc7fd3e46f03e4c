{{/*
Who may reach the service and what it may reach. In: the ingress controller (API port) and
Prometheus (management port) only. Out: DNS, Kafka (if the chart uses it), the OIDC provider and
the stores this service uses, each as the peers and ports given under global.<dependency>.networkPolicy
(no peers: any destination, on those ports only), and for a chart that calls the public API (the
web app) the ingress controller, as global.networkPolicy.toIngressController gives it.
*/}}
{{- define "music-common.networkpolicy" -}}
{{- $g := include "music-common.global" . | fromYaml -}}
{{- if $g.networkPolicy.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "music-common.fullname" . }}
  labels:
    {{- include "music-common.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "music-common.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        {{- toYaml $g.networkPolicy.ingressController | nindent 8 }}
      ports:
        - port: http
          protocol: TCP
    - from:
        {{- toYaml $g.networkPolicy.prometheus | nindent 8 }}
      ports:
        - port: management
          protocol: TCP
  egress:
    - to:
        {{- toYaml $g.networkPolicy.dns | nindent 8 }}
      ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    {{- if include "music-common.usesKafka" . }}
    {{- include "music-common.egressRule" $g.kafka.networkPolicy | nindent 4 }}
    {{- end }}
    {{- include "music-common.egressRule" $g.oidc.networkPolicy | nindent 4 }}
    {{- range $store := include "music-common.stores" . | fromJsonArray }}
    {{- include "music-common.egressRule" (get $g $store).networkPolicy | nindent 4 }}
    {{- end }}
    {{- if include "music-common.reachesIngress" . }}
    {{- include "music-common.egressRule" $g.networkPolicy.toIngressController | nindent 4 }}
    {{- end }}
{{- end -}}
{{- end -}}

{{- define "music-common.egressRule" -}}
- {{- with .to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  ports:
    {{- toYaml .ports | nindent 4 }}
{{- end -}}
