{{- define "pilot.fullname" -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "pilot.labels" -}}
app.kubernetes.io/name: pilot-portal
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: dict "root" . "component" "web" */}}
{{- define "pilot.selectorLabels" -}}
app.kubernetes.io/name: pilot-portal
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "pilot.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{- define "pilot.configName" -}}
{{- printf "%s-config" (include "pilot.fullname" .) -}}
{{- end -}}

{{- define "pilot.secretName" -}}
{{- .Values.secret.existingSecret | default (printf "%s-env" (include "pilot.fullname" .)) -}}
{{- end -}}

{{- define "pilot.dataClaim" -}}
{{- .Values.persistence.existingClaim | default (printf "%s-data" (include "pilot.fullname" .)) -}}
{{- end -}}

{{/* Pod-level settings shared by every workload: rolls pods when the configuration changes. */}}
{{- define "pilot.podAnnotations" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end -}}

{{- define "pilot.podSpecCommon" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
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
{{- end -}}

{{/* The writable paths: /tmp always, and the data volume (reports and backups without S3). */}}
{{- define "pilot.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
- name: data
  {{- if .Values.persistence.enabled }}
  persistentVolumeClaim:
    claimName: {{ include "pilot.dataClaim" . }}
  {{- else }}
  emptyDir: {}
  {{- end }}
{{- end -}}

{{/* Container settings shared by every workload: image, environment, security, writable paths. */}}
{{- define "pilot.containerCommon" -}}
image: {{ include "pilot.image" . }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
envFrom:
  - configMapRef:
      name: {{ include "pilot.configName" . }}
  - secretRef:
      name: {{ include "pilot.secretName" . }}
{{- include "pilot.securityContext" . }}
{{- end -}}

{{- define "pilot.securityContext" }}
securityContext:
  {{- toYaml .Values.securityContext | nindent 2 }}
{{- end -}}

{{- define "pilot.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /app/var/media
  subPath: media
- name: data
  mountPath: /app/var/backups
  subPath: backups
{{- end -}}
