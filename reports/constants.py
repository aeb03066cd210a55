"""Numbers and names of the report pipeline."""

from datetime import timedelta

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

# The written parts of the final report (reports.models.ReportNarrative), in the order they print;
# the final (not draft) report needs the required ones in its language.
NARRATIVE_PARTS = ("executive_summary", "recommendations", "future_plan", "lessons_learned")
NARRATIVE_REQUIRED = ("recommendations", "future_plan", "lessons_learned")
NARRATIVE_MAX_LENGTH = 20_000
# A customer's requests from its portal are counted over this sliding window
# (settings.REPORT_PORTAL_REQUESTS_PER_DAY of them at most).
PORTAL_REQUEST_WINDOW = timedelta(days=1)
# The customer-portal page listing its reports (linked from the "ready" e-mail).
PORTAL_PATH = "/reports/"
READY_EMAIL_KIND = "reports.ready"
# Computed recommendations: how many feedback items of each kind are named.
TOP_FEEDBACK_ITEMS = 3
# Reports listed on the customer's portal page, newest first.
PORTAL_LIST_ROWS = 20
