"""Upkeep of the incident counts PostgreSQL keeps (IncidentCountDelta, migration 0007)."""

from django.db import connection

# One statement: the rows it deletes are summed back in, so a reader sees the same totals before and after, and a
# change added meanwhile (not yet visible to the DELETE) is left for the next run. Two runs at once are safe: the
# second waits on the first's rows, then skips them as deleted.
_COMPACT_SQL = """
WITH folded AS (DELETE FROM incidents_incidentcountdelta RETURNING status, severity, delta)
INSERT INTO incidents_incidentcountdelta (status, severity, delta)
SELECT status, severity, sum(delta) FROM folded GROUP BY status, severity HAVING sum(delta) <> 0
"""


def incident_counts_compact() -> int:
    """Fold the count changes into one row per (status, severity) with incidents; returns the rows left."""
    with connection.cursor() as cursor:
        cursor.execute(_COMPACT_SQL)
        return int(cursor.rowcount)
