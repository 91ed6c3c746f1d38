{{/*
Names. The full name is capped at 28 characters: a pod's name (full name, "-", the service name of
at most 14 characters, and Kubernetes' "-<10>-<5>" suffixes) is the instance's Kafka identity
(CHATBI_INSTANCE_ID), which the services accept up to 60 characters.
*/}}
{{- define "chatbi.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 28 | trimSuffix "-" }}
{{- end }}

{{- define "chatbi.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 28 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 28 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 28 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "chatbi.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chatbi.labels" -}}
helm.sh/chart: {{ include "chatbi.chart" . }}
{{ include "chatbi.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: chatbi
{{- end }}

{{- define "chatbi.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chatbi.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of one component: (dict "root" $ "component" "dialogue"). */}}
{{- define "chatbi.componentLabels" -}}
{{ include "chatbi.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "chatbi.componentSelectorLabels" -}}
{{ include "chatbi.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
The six services: values key, service name (CHATBI_SERVICE, dist/apps/<name>) and HTTP port, the
defaults of apps/chatbi/src/distributed/distributed.config.ts (DEFAULT_HTTP_PORTS).
*/}}
{{- define "chatbi.serviceTable" -}}
dialogue: { name: dialogue, port: 3000 }
viewSelector: { name: view-selector, port: 3001 }
jsonPlanner: { name: json-planner, port: 3002 }
sqlTemplater: { name: sql-templater, port: 3003 }
cascadeRunner: { name: cascade-runner, port: 3004 }
viewAdvisor: { name: view-advisor, port: 3005 }
{{- end }}

{{- define "chatbi.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "chatbi.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "chatbi.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "chatbi.secretName" -}}
{{- default (printf "%s-secrets" (include "chatbi.fullname" .)) .Values.secrets.existingSecret }}
{{- end }}

{{/* The catalog ConfigMap to mount, or nothing for the demo catalog baked into the image. */}}
{{- define "chatbi.catalogConfigMap" -}}
{{- if .Values.catalog.existingConfigMap }}
{{- .Values.catalog.existingConfigMap }}
{{- else if .Values.catalog.files }}
{{- printf "%s-catalog" (include "chatbi.fullname" .) }}
{{- end }}
{{- end }}

{{/* Where the HTTP edge lives: dialogue in distributed mode, the single pod in embedded mode. */}}
{{- define "chatbi.edgeServiceName" -}}
{{- if eq .Values.mode "embedded" }}
{{- printf "%s-embedded" (include "chatbi.fullname" .) }}
{{- else }}
{{- printf "%s-dialogue" (include "chatbi.fullname" .) }}
{{- end }}
{{- end }}

{{- define "chatbi.terminationGracePeriodSeconds" -}}
{{- add (div (int .Values.config.drainTimeoutMs) 1000) (int .Values.config.preStopSleepSeconds) 10 }}
{{- end }}

{{/* Annotations that roll the pods when what they read at start changes. */}}
{{- define "chatbi.checksumAnnotations" -}}
{{- if and .Values.catalog.files (not .Values.catalog.existingConfigMap) }}
checksum/catalog: {{ toYaml .Values.catalog.files | sha256sum }}
{{- end }}
{{- if not .Values.secrets.existingSecret }}
checksum/secrets: {{ printf "%s|%s|%s" .Values.secrets.metadataUrl .Values.secrets.anthropicApiKey .Values.secrets.adminToken | sha256sum }}
{{- end }}
{{- end }}

{{/* Pod-level settings shared by every workload. */}}
{{- define "chatbi.podCommon" -}}
serviceAccountName: {{ include "chatbi.serviceAccountName" . }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Probes of the http port: liveness and start-up on /health/live, readiness on /health/ready; (dict "root" $ "startupFailureThreshold" n). */}}
{{- define "chatbi.probes" -}}
{{- $p := .root.Values.probes -}}
startupProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: {{ $p.startup.periodSeconds }}
  timeoutSeconds: {{ $p.startup.timeoutSeconds }}
  failureThreshold: {{ default $p.startup.failureThreshold .startupFailureThreshold }}
readinessProbe:
  httpGet: { path: /health/ready, port: http }
  periodSeconds: {{ $p.readiness.periodSeconds }}
  timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
livenessProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: {{ $p.liveness.periodSeconds }}
  timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
{{- end }}

{{- define "chatbi.metricsAnnotations" -}}
{{- if .root.Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- end }}

{{/* Volumes for the catalog ConfigMap and the writable dirs (root file system is read-only). */}}
{{- define "chatbi.catalogVolume" -}}
{{- with include "chatbi.catalogConfigMap" . }}
- name: catalog
  configMap:
    name: {{ . }}
{{- end }}
{{- end }}

{{- define "chatbi.catalogMount" -}}
{{- if include "chatbi.catalogConfigMap" . }}
- name: catalog
  mountPath: /etc/chatbi/catalog
  readOnly: true
{{- end }}
{{- end }}

{{- define "chatbi.catalogEnv" -}}
{{- if include "chatbi.catalogConfigMap" . }}
- name: CHATBI_CATALOG_DIR
  value: /etc/chatbi/catalog
{{- end }}
{{- end }}

{{/*
Where cascades run: trained proxies for semantic operators (semantic.proxiesClaim), read-only, and
the folder the oracle's labels are written to for training them (semantic.labelsClaim).
*/}}
{{- define "chatbi.semanticVolumes" -}}
{{- with .Values.semantic.proxiesClaim }}
- name: proxies
  persistentVolumeClaim:
    claimName: {{ . }}
    readOnly: true
{{- end }}
{{- with .Values.semantic.labelsClaim }}
- name: oracle-labels
  persistentVolumeClaim:
    claimName: {{ . }}
{{- end }}
{{- end }}

{{- define "chatbi.semanticMounts" -}}
{{- if .Values.semantic.proxiesClaim }}
- name: proxies
  mountPath: /proxies
  readOnly: true
{{- end }}
{{- if .Values.semantic.labelsClaim }}
- name: oracle-labels
  mountPath: /oracle-labels
{{- end }}
{{- end }}

{{- define "chatbi.semanticEnv" -}}
{{- if .Values.semantic.proxiesClaim }}
- name: CHATBI_SEMANTIC_PROXIES
  value: {{ printf "/proxies/%s" .Values.semantic.proxiesManifest | quote }}
{{- end }}
{{- if .Values.semantic.labelsClaim }}
- name: CHATBI_SEMANTIC_LABELS_DIR
  value: /oracle-labels
{{- end }}
{{- end }}

{{- define "chatbi.anthropicEnv" -}}
- name: ANTHROPIC_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "chatbi.secretName" . }}
      key: {{ .Values.secrets.anthropicApiKeyKey }}
      optional: true
- name: CHATBI_ANTHROPIC_MODEL
  value: {{ .Values.anthropic.model | quote }}
{{- with .Values.anthropic.baseUrl }}
- name: CHATBI_ANTHROPIC_BASE_URL
  value: {{ . | quote }}
{{- end }}
- name: CHATBI_PLANNER_TIMEOUT_MS
  value: {{ .Values.anthropic.plannerTimeoutMs | quote }}
{{- end }}

{{/* How long the metadata database keeps its rows: read by the process that purges them (embedded, or view-advisor). */}}
{{- define "chatbi.retentionEnv" -}}
- name: CHATBI_AUDIT_RETENTION_DAYS
  value: {{ .Values.config.retentionDays.audit | quote }}
- name: CHATBI_CONVERSATION_RETENTION_DAYS
  value: {{ .Values.config.retentionDays.conversations | quote }}
- name: CHATBI_QUESTION_LOG_RETENTION_DAYS
  value: {{ .Values.config.retentionDays.questionLog | quote }}
{{- end }}

{{/* view-advisor's (and the embedded app's) admin token, when a Secret may hold one. */}}
{{- define "chatbi.adminTokenEnv" -}}
{{- if or .Values.secrets.existingSecret .Values.secrets.adminToken }}
- name: CHATBI_ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "chatbi.secretName" . }}
      key: {{ .Values.secrets.adminTokenKey }}
      optional: true
{{- end }}
{{- end }}

{{/* Whether the warehouse is named by URL (warehouse.url or urlFromSecret): then every service reads CHATBI_WAREHOUSE_URL. */}}
{{- define "chatbi.warehouseFromUrl" -}}
{{- if and .Values.warehouse.url .Values.secrets.existingSecret -}}
{{- fail "warehouse.url is written into the chart's Secret, which secrets.existingSecret replaces: put the URL into that Secret under secrets.warehouseUrlKey and set warehouse.urlFromSecret instead" -}}
{{- end -}}
{{- if or .Values.warehouse.url .Values.warehouse.urlFromSecret }}true{{ end -}}
{{- end }}

{{- define "chatbi.warehouseUrlEnv" -}}
- name: CHATBI_WAREHOUSE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "chatbi.secretName" . }}
      key: {{ .Values.secrets.warehouseUrlKey }}
{{- end }}

{{/*
The metadata database: externalDatabase (host, user, database; the password from its own Secret,
CHATBI_METADATA_PASSWORD, which the services put into the URL) or a whole URL in the chart's
Secret (secrets.metadataUrl) or an existing one (secrets.existingSecret).
*/}}
{{- define "chatbi.metadataUrlEnv" -}}
{{- $db := .Values.externalDatabase -}}
{{- if $db.host }}
- name: CHATBI_METADATA_URL
  value: {{ printf "postgres://%s@%s:%d/%s%s" (urlquery $db.user) $db.host (int $db.port) (urlquery $db.database) (ternary (printf "?sslmode=%s" $db.sslmode) "" (ne $db.sslmode "")) | quote }}
- name: CHATBI_METADATA_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "externalDatabase.existingSecret is required with externalDatabase.host: the Secret holding the database password" $db.existingSecret }}
      key: {{ $db.existingSecretPasswordKey }}
{{- else }}
- name: CHATBI_METADATA_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "chatbi.secretName" . }}
      key: {{ .Values.secrets.metadataUrlKey }}
{{- end }}
{{- end }}

{{/* Kafka: the brokers, the partition count the services create topics with, TLS and SASL. */}}
{{- define "chatbi.kafkaEnv" -}}
{{- $k := .Values.kafka -}}
- name: KAFKA_BROKERS
  value: {{ required "kafka.brokers is required in distributed mode: your Kafka's bootstrap brokers, host:port[,host:port...]" $k.brokers | quote }}
- name: CHATBI_KAFKA_PARTITIONS
  value: {{ $k.partitions | quote }}
- name: CHATBI_KAFKA_SESSION_TIMEOUT_MS
  value: {{ $k.sessionTimeoutMs | quote }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ $k.securityProtocol | quote }}
{{- if hasPrefix "SASL_" $k.securityProtocol }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $k.sasl.mechanism | quote }}
- name: KAFKA_SASL_USERNAME
  value: {{ required "kafka.sasl.username is required with a SASL_* kafka.securityProtocol" $k.sasl.username | quote }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "kafka.sasl.existingSecret is required with a SASL_* kafka.securityProtocol: the Secret holding the SASL password" $k.sasl.existingSecret }}
      key: {{ $k.sasl.existingSecretPasswordKey }}
{{- end }}
{{- if hasSuffix "SSL" $k.securityProtocol }}
{{- if $k.tls.caSecret }}
- name: KAFKA_SSL_CA_FILE
  value: {{ printf "/etc/chatbi/kafka-ca/%s" $k.tls.caKey | quote }}
{{- end }}
{{- if $k.tls.clientSecret }}
- name: KAFKA_SSL_CERT_FILE
  value: /etc/chatbi/kafka-client/tls.crt
- name: KAFKA_SSL_KEY_FILE
  value: /etc/chatbi/kafka-client/tls.key
{{- end }}
{{- end }}
{{- end }}

{{- define "chatbi.kafkaTlsVolumes" -}}
{{- $k := .Values.kafka -}}
{{- if hasSuffix "SSL" $k.securityProtocol }}
{{- with $k.tls.caSecret }}
- name: kafka-ca
  secret: { secretName: {{ . }} }
{{- end }}
{{- with $k.tls.clientSecret }}
- name: kafka-client
  secret: { secretName: {{ . }} }
{{- end }}
{{- end }}
{{- end }}

{{- define "chatbi.kafkaTlsMounts" -}}
{{- $k := .Values.kafka -}}
{{- if hasSuffix "SSL" $k.securityProtocol }}
{{- if $k.tls.caSecret }}
- { name: kafka-ca, mountPath: /etc/chatbi/kafka-ca, readOnly: true }
{{- end }}
{{- if $k.tls.clientSecret }}
- { name: kafka-client, mountPath: /etc/chatbi/kafka-client, readOnly: true }
{{- end }}
{{- end }}
{{- end }}

{{/* TLS of the gRPC API from a kubernetes.io/tls Secret (tls.crt, tls.key; ca.crt for mutual TLS). */}}
{{- define "chatbi.grpcTlsEnv" -}}
{{- if .Values.grpc.tls.existingSecret }}
- name: CHATBI_GRPC_TLS_CERT_FILE
  value: /etc/chatbi/grpc-tls/tls.crt
- name: CHATBI_GRPC_TLS_KEY_FILE
  value: /etc/chatbi/grpc-tls/tls.key
{{- if .Values.grpc.tls.requireClientCert }}
- name: CHATBI_GRPC_TLS_CLIENT_CA_FILE
  value: /etc/chatbi/grpc-tls/ca.crt
{{- end }}
{{- end }}
{{- end }}

{{- define "chatbi.grpcTlsVolumes" -}}
{{- with .Values.grpc.tls.existingSecret }}
- name: grpc-tls
  secret: { secretName: {{ . }} }
{{- end }}
{{- end }}

{{- define "chatbi.grpcTlsMounts" -}}
{{- if .Values.grpc.tls.existingSecret }}
- { name: grpc-tls, mountPath: /etc/chatbi/grpc-tls, readOnly: true }
{{- end }}
{{- end }}
