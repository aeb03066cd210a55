from datetime import timedelta

# Prometheus is scraped on a 5-minute grid: samples, range-query steps and the beat task share it.
STEP = timedelta(minutes=5)
# A back-fill never asks for more than this much history in one pull (11,000 points is
# Prometheus's own per-series limit for a range query; 30 days at 5 minutes is 8,640).
MAX_BACKFILL = timedelta(days=30)
HTTP_TIMEOUT_SECONDS = 10.0
SERIES_POINTS = 200
PULL_MAX_RETRIES = 3
