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

{{/* A service's image tag; a SNAPSHOT tag is refused (IfNotPresent would keep a stale image under it). */}}
{{- define "audit-platform.tag" -}}
{{- $svcImage := .svc.image | default dict -}}
{{- $tag := coalesce $svcImage.tag .root.Values.image.tag .root.Chart.AppVersion -}}
{{- if contains "SNAPSHOT" (upper $tag) -}}
{{- fail (printf "services.%s: image tag %s is a SNAPSHOT: deploy a released, immutable tag" .name $tag) -}}
{{- end -}}
{{- $tag -}}
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

{{/* Where the database's CA certificate is mounted, when one is configured. */}}
{{- define "audit-platform.databaseCaDir" -}}/etc/audit-platform/database-ca{{- end -}}

{{- define "audit-platform.integrityKeyDir" -}}/etc/audit-platform/integrity{{- end -}}

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
{{- with $svc.maxHeapPercent }}
- name: JAVA_MAX_MEM_RATIO
  value: {{ . | quote }}
{{- end }}
{{- if has "database" $uses }}
{{- $db := $root.Values.database }}
{{- $host := required "database.host is required: the PostgreSQL server of every service (--set database.host=...)" $db.host }}
{{- $ca := $db.caCertificate | default dict }}
{{- if and (has $db.sslMode (list "verify-ca" "verify-full")) (not $ca.existingSecret) }}
{{- fail (printf "database.sslMode %s verifies the server's certificate: set database.caCertificate.existingSecret (a Secret with its CA certificate)" $db.sslMode) }}
{{- end }}
{{- $query := ternary "" (printf "?sslmode=%s" $db.sslMode) (empty $db.sslMode) }}
{{- $address := printf "postgresql://%s:%v/%s%s" $host (include "audit-platform.envValue" $db.port) $db.name $query }}
{{- $caFile := printf "%s/%s" (include "audit-platform.databaseCaDir" $root) ($ca.key | default "ca.crt") }}
- name: QUARKUS_DATASOURCE_REACTIVE_URL
  value: {{ $address | quote }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:%s%s" $address (ternary (printf "%ssslrootcert=%s" (ternary "?" "&" (empty $query)) $caFile) "" (not (empty $ca.existingSecret))) | quote }}
{{- if $ca.existingSecret }}
- name: QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM
  value: "true"
- name: QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS
  value: {{ $caFile | quote }}
{{- if eq $db.sslMode "verify-full" }}
- name: QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM
  value: "HTTPS"
{{- end }}
{{- end }}
{{ include "audit-platform.secretEnv" (dict "env" "QUARKUS_DATASOURCE_USERNAME" "secret" $db.existingSecret "key" $db.usernameKey) }}
{{ include "audit-platform.secretEnv" (dict "env" "QUARKUS_DATASOURCE_PASSWORD" "secret" $db.existingSecret "key" $db.passwordKey) }}
{{- end }}
{{- $oidc := $root.Values.oidc }}
{{- if has "oidc" $uses }}
{{- $issuer := required "oidc.authServerUrl is required: the OIDC issuer of people's and services' tokens, e.g. https://keycloak.example.com/realms/audit-platform (docs/identity.md)" $oidc.authServerUrl }}
{{- if and (not $oidc.audience) (not $oidc.allowAnyAudience) }}
{{- fail "oidc.audience is required: the aud that tokens for this platform carry, e.g. audit-platform (without it, a token the issuer gave to any other client of the realm is accepted; see docs/identity.md). Only where the issuer serves nothing else: oidc.allowAnyAudience=true" }}
{{- end }}
- name: QUARKUS_OIDC_AUTH_SERVER_URL
  value: {{ $issuer | quote }}
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
{{- with $svc.restoreEncryptionKey }}
{{- if .existingSecret }}
{{ include "audit-platform.secretEnv" (dict "env" "AUDIT_RESTORE_ENCRYPTION_KEY" "secret" .existingSecret "key" (.key | default "encryption-key")) }}
{{- end }}
{{- end }}
{{- with $svc.oidcClient }}
{{- if not (has "oidc" $uses) }}
{{- fail (printf "services.%s has an oidcClient: it must use oidc too" $.name) }}
{{- end }}
- name: QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL
  value: {{ $oidc.authServerUrl | quote }}
{{ include "audit-platform.secretEnv" (dict "env" "QUARKUS_OIDC_CLIENT_CLIENT_ID" "secret" .existingSecret "key" .clientIdKey) }}
{{ include "audit-platform.secretEnv" (dict "env" "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET" "secret" .existingSecret "key" .clientSecretKey) }}
{{- with $oidc.clientTokenPath }}
- name: QUARKUS_OIDC_CLIENT_TOKEN_PATH
  value: {{ . | quote }}
- name: QUARKUS_OIDC_CLIENT_DISCOVERY_ENABLED
  value: "false"
{{- end }}
{{- end }}
{{- if has "console" $uses }}
{{- /* The web app: the provider its SPA logs in at, its client there, and the services it forwards /api/v1 to
       (the browser reaches them through the Ingress; the console's forwarding is for a run without one). */}}
- name: CONSOLE_OIDC_AUTHORITY
  value: {{ required "oidc.authServerUrl is required: the OIDC issuer the console's users log in at, e.g. https://keycloak.example.com/realms/audit-platform (docs/identity.md)" $oidc.authServerUrl | quote }}
- name: CONSOLE_OIDC_CLIENT_ID
  value: {{ $oidc.consoleClientId | default "audit-console" | quote }}
{{- range $key, $var := dict "audit-service" "AUDIT" "export-service" "EXPORT" "notification-service" "NOTIFICATION" "analytics-service" "ANALYTICS" }}
{{- $target := get $root.Values.services $key | default dict }}
- name: {{ printf "CONSOLE_SERVICES_%s_URL" $var }}
  value: {{ printf "http://%s:%v" (include "audit-platform.resourceName" (dict "root" $root "name" $key "svc" $target)) (include "audit-platform.envValue" ($target.port | default 8080)) | quote }}
{{- end }}
{{- end }}
{{- if has "smtp" $uses }}
{{- $smtp := $root.Values.smtp }}
- name: QUARKUS_MAILER_HOST
  value: {{ required (printf "smtp.host is required: services.%s sends mail (--set smtp.host=...)" .name) $smtp.host | quote }}
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
