{{/*
Helpers. Templates that range over .Values.services call the per-service helpers with
(dict "root" $ "name" <service key> "svc" <service entry>).
*/}}

{{/* The release's full name (Ingress, ServiceAccount). */}}
{{- define "audit-platform.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "audit-platform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "audit-platform.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "audit-platform.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Name of a service's Deployment, Service, PDB, HPA and ServiceMonitor. */}}
{{- define "audit-platform.resourceName" -}}
{{- printf "%s%s" .root.Values.namePrefix .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "audit-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "audit-platform.labels" -}}
helm.sh/chart: {{ include "audit-platform.chart" .root }}
{{ include "audit-platform.selectorLabels" . }}
app.kubernetes.io/version: {{ include "audit-platform.tag" . | quote }}
app.kubernetes.io/component: {{ .name }}
app.kubernetes.io/part-of: {{ .root.Chart.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{/* Labels of release-wide resources (Ingress, ServiceAccount). */}}
{{- define "audit-platform.commonLabels" -}}
helm.sh/chart: {{ include "audit-platform.chart" . }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ (.Values.image.tag | default .Chart.AppVersion) | quote }}
app.kubernetes.io/part-of: {{ .Chart.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "audit-platform.tag" -}}
{{- $svcImage := .svc.image | default dict -}}
{{- coalesce $svcImage.tag .root.Values.image.tag .root.Chart.AppVersion -}}
{{- end -}}

{{/* <registry>/<group>/<name>:<tag>, as quarkus-container-image names the image. */}}
{{- define "audit-platform.image" -}}
{{- $img := .root.Values.image -}}
{{- $svcImage := .svc.image | default dict -}}
{{- $name := $svcImage.name | default .name -}}
{{- $parts := list -}}
{{- with $img.registry }}{{ $parts = append $parts . }}{{ end -}}
{{- with $img.group }}{{ $parts = append $parts . }}{{ end -}}
{{- $parts = append $parts $name -}}
{{- printf "%s:%s" (join "/" $parts) (include "audit-platform.tag" .) -}}
{{- end -}}

{{/* The effective autoscaling of a service (top-level values with the service's overrides), as YAML. */}}
{{- define "audit-platform.autoscaling" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.autoscaling) (deepCopy (.svc.autoscaling | default dict))) -}}
{{- end -}}

{{- define "audit-platform.podDisruptionBudget" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.podDisruptionBudget) (deepCopy (.svc.podDisruptionBudget | default dict))) -}}
{{- end -}}

{{/* A settings value as an environment variable's value: whole numbers without exponent, lists comma-separated. */}}
{{- define "audit-platform.envValue" -}}
{{- if and (kindIs "float64" .) (eq . (float64 (int64 .))) -}}
{{- int64 . -}}
{{- else if kindIs "slice" . -}}
{{- join "," . -}}
{{- else -}}
{{- . -}}
{{- end -}}
{{- end -}}

{{/*
A service's own settings as environment variables, by the Quarkus rule: the property name in upper case,
every other character than letters and digits replaced by "_" (audit.partitions.months-ahead ->
AUDIT_PARTITIONS_MONTHS_AHEAD). Called with (dict "prefix" "AUDIT" "values" .Values.audit); recursive.
*/}}
{{- define "audit-platform.settingsEnv" -}}
{{- $prefix := .prefix -}}
{{- range $key, $value := .values }}
{{- $envName := printf "%s_%s" $prefix (regexReplaceAll "[^A-Z0-9]" (upper $key) "_") }}
{{- if kindIs "map" $value }}
{{- include "audit-platform.settingsEnv" (dict "prefix" $envName "values" $value) }}
{{- else if not (kindIs "invalid" $value) }}
- name: {{ $envName }}
  value: {{ include "audit-platform.envValue" $value | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "audit-platform.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{/* The environment of a service's container. */}}
{{- define "audit-platform.env" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $uses := $svc.uses | default list -}}
- name: QUARKUS_HTTP_PORT
  value: {{ $svc.port | quote }}
{{- if has "database" $uses }}
{{- $db := $root.Values.database }}
{{- $query := ternary "" (printf "?sslmode=%s" $db.sslMode) (empty $db.sslMode) }}
{{- $address := printf "postgresql://%s:%v/%s%s" $db.host (include "audit-platform.envValue" $db.port) $db.name $query }}
- name: QUARKUS_DATASOURCE_REACTIVE_URL
  value: {{ $address | quote }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:%s" $address | quote }}
{{ include "audit-platform.secretEnv" (dict "env" "QUARKUS_DATASOURCE_USERNAME" "secret" $db.existingSecret "key" $db.usernameKey) }}
{{ include "audit-platform.secretEnv" (dict "env" "QUARKUS_DATASOURCE_PASSWORD" "secret" $db.existingSecret "key" $db.passwordKey) }}
{{- end }}
{{- if has "oidc" $uses }}
{{- $oidc := $root.Values.oidc }}
- name: QUARKUS_OIDC_AUTH_SERVER_URL
  value: {{ $oidc.authServerUrl | quote }}
{{- with $oidc.audience }}
- name: QUARKUS_OIDC_TOKEN_AUDIENCE
  value: {{ . | quote }}
{{- end }}
{{- with $oidc.issuer }}
- name: QUARKUS_OIDC_TOKEN_ISSUER
  value: {{ . | quote }}
{{- end }}
- name: PLATFORM_TENANCY_ACCOUNT_CLAIM
  value: {{ $oidc.accountClaim | quote }}
{{- end }}
{{- if has "smtp" $uses }}
{{- $smtp := $root.Values.smtp }}
{{- if not $smtp.host }}
{{- fail (printf "services.%s uses smtp: set smtp.host" .name) }}
{{- end }}
- name: QUARKUS_MAILER_HOST
  value: {{ $smtp.host | quote }}
- name: QUARKUS_MAILER_PORT
  value: {{ include "audit-platform.envValue" $smtp.port | quote }}
- name: QUARKUS_MAILER_TLS
  value: {{ $smtp.tls | quote }}
- name: QUARKUS_MAILER_START_TLS
  value: {{ $smtp.startTls | quote }}
- name: QUARKUS_MAILER_FROM
  value: {{ $smtp.from | quote }}
{{- with $smtp.existingSecret }}
{{ include "audit-platform.secretEnv" (dict "env" "QUARKUS_MAILER_USERNAME" "secret" . "key" $smtp.usernameKey) }}
{{ include "audit-platform.secretEnv" (dict "env" "QUARKUS_MAILER_PASSWORD" "secret" . "key" $smtp.passwordKey) }}
{{- end }}
{{- end }}
{{- with $svc.configPrefix }}
{{- include "audit-platform.settingsEnv" (dict "prefix" (upper .) "values" (index $root.Values . | default dict)) }}
{{- end }}
{{- range $name, $value := $svc.env }}
- name: {{ $name }}
  value: {{ include "audit-platform.envValue" $value | quote }}
{{- end }}
{{- with $svc.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}
