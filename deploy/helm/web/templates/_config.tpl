{{/*
The web app's own variables in its ConfigMap (see docs/web.md): the OIDC client it signs in as,
the public API its relay forwards to, and whether its CSRF cookie is marked Secure.
*/}}
{{- define "web.config" -}}
QUARKUS_OIDC_CLIENT_ID: {{ include "music-common.required" (dict "name" "oidc.clientId" "value" .Values.oidc.clientId) | quote }}
MUSIC_WEB_GATEWAY_URL: {{ include "music-common.required" (dict "name" "gatewayUrl" "value" .Values.gatewayUrl) | quote }}
MUSIC_WEB_CSRF_SECURE_COOKIE: {{ .Values.csrf.secureCookie | quote }}
{{- end -}}
