"""Numbers and names of the report pipeline."""

from django.conf import settings

# Where report files go inside the storage; the name never carries user input.
STORAGE_PREFIX = "reports"
PDF_CONTENT_TYPE = "application/pdf"
# Storage alias used when settings.STORAGES defines one (e.g. S3/MinIO); else the default storage.
STORAGE_ALIAS = "reports"
# Only files under these folders may be read while rendering (fonts, images, stylesheets).
RENDER_ROOTS = (settings.BASE_DIR / "templates" / "reports", settings.BASE_DIR / "reports" / "static")
# Progress (%) reached after each stage of a build, for the live progress bar.
PROGRESS_CONTEXT = 40
PROGRESS_HTML = 60
PROGRESS_PDF = 90
PROGRESS_DONE = 100
# Error messages stored on a failed report are cut to this length.
ERROR_MAX_LENGTH = 500
# Maximum points of a chart's line: more would only slow rendering down.
CHART_MAX_POINTS = 200
# A report left "running" longer than settings.REPORT_STALE_AFTER_SECONDS was lost with its worker:
# the sweeper (beat, every SWEEP_EVERY_SECONDS) marks it failed, a redelivered task may claim it again.
SWEEP_EVERY_SECONDS = 60
