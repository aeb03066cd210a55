"""SQL builders of the design point's data (DESIGN.md: 50 customers, 200k survey responses, 100k incidents,
two years of 5-minute SLI samples), shared by the bench scripts. Plain SQL on purpose: going through the
services would take hours for data that only has to look like the real thing to the planner.
"""

from incidents.choices import Category

CONTACTS, WEEKS = 250, 20


def feedback_fill_sql(*, responses: int) -> str:
    """One customer's survey data (run inside its schema, `%(survey)s` = its published default survey):
    250 contacts, 20 weekly rounds, `responses` responses with every question answered, 200 feedback items."""
    return f"""
INSERT INTO feedback_contact (name, email, language, active, created_at)
  SELECT 'c' || g, 'c' || g || '@bench.example', CASE WHEN g %% 2 = 0 THEN 'ar' ELSE 'en' END, true, now()
  FROM generate_series(1, {CONTACTS}) g;
INSERT INTO feedback_surveyround (survey_id, week_start, opened_at, closes_at)
  SELECT %(survey)s, date '2026-01-04' + 7 * w, timestamptz '2026-01-04 09:00+03' + w * interval '7 days',
         timestamptz '2026-01-11 09:00+03' + w * interval '7 days'
  FROM generate_series(0, {WEEKS - 1}) w;
INSERT INTO feedback_invitation (round_id, contact_id, token_hash, token_nonce, expires_at, sent_at, reminders_sent)
  SELECT r.id, c.id, md5(random()::text) || md5(random()::text), '', r.closes_at, r.opened_at, 0
  FROM feedback_surveyround r CROSS JOIN feedback_contact c;
INSERT INTO feedback_response (invitation_id, language, submitted_at, updated_at, revisions)
  SELECT i.id, 'en', i.sent_at + interval '1 day', i.sent_at + interval '1 day', 1
  FROM feedback_invitation i ORDER BY i.id LIMIT {responses};
INSERT INTO feedback_answer (response_id, question_id, score, choices, text)
  SELECT r.id, q.id,
         CASE q.kind WHEN 'csat' THEN 1 + floor(random() * 5) WHEN 'nps' THEN floor(random() * 11)
                     WHEN 'ces' THEN 1 + floor(random() * 7) END,
         CASE q.kind WHEN 'features' THEN '["reports", "mobile-app", "daily-entry"]'::jsonb
                     WHEN 'single' THEN '["none"]'::jsonb ELSE '[]'::jsonb END,
         ''
  FROM feedback_response r CROSS JOIN feedback_question q;
INSERT INTO feedback_feedbackitem (kind, title, description, source, status, votes, incident_ids, created_at)
  SELECT CASE WHEN g %% 2 = 0 THEN 'pain_point' ELSE 'feature_request' END, 'Item ' || (g %% 40), '', 'survey', 'new',
         1 + g %% 7, '[]'::jsonb, timestamptz '2026-02-01 10:00+03'
  FROM generate_series(1, 200) g;
ANALYZE;
"""


# One incident every 10 minutes back from now (100k ≈ two years); `open_pct` % active, 10 % resolved, the
# rest closed; severity 1/2/3 in turn with the README's default targets; each affects one customer.
INCIDENTS_SQL = """
WITH rows AS (
  SELECT g, now() - g * interval '10 minutes' AS reported, 1 + g %% 3 AS severity,
         CASE WHEN g %% 100 < %(open_pct)s THEN (ARRAY['open', 'acknowledged', 'mitigated'])[1 + g %% 3]
              WHEN g %% 100 < %(open_pct)s + 10 THEN 'resolved' ELSE 'closed' END AS status
  FROM generate_series(1, %(count)s) g
)
INSERT INTO incidents_incident (
  title, description, category, severity, severity_confirmed, status, source, all_customers, reported_at,
  reporter_name, reporter_email, dedup_key, source_url, acknowledged_at, resolved_at, closed_at,
  response_due_at, resolution_due_at, paused_seconds, created_at, updated_at, public_title, public_title_ar,
  attachment)
SELECT 'Bench incident ' || g, '', (%(categories)s::text[])[1 + g %% 7], severity, true, status, 'staff', false,
       reported, '', '', '', '', CASE WHEN status <> 'open' THEN reported + interval '10 minutes' END,
       CASE WHEN status IN ('resolved', 'closed') THEN reported + interval '2 hours' END,
       CASE WHEN status = 'closed' THEN reported + interval '3 days' END,
       reported + (ARRAY[interval '15 minutes', interval '1 hour', interval '4 hours'])[severity],
       reported + (ARRAY[interval '4 hours', interval '24 hours', interval '27 hours'])[severity],
       0, reported, reported, '', '', ''
FROM rows ORDER BY g DESC;
INSERT INTO incidents_incident_customers (incident_id, pilotcustomer_id)
  SELECT i.id, (%(customers)s::int[])[1 + abs(hashtext(i.id::text)) %% cardinality(%(customers)s::int[])]
  FROM incidents_incident i WHERE i.title LIKE 'Bench incident %%';
ANALYZE incidents_incident;
ANALYZE incidents_incident_customers;
"""


def incidents_params(*, count: int, open_pct: int, customer_ids: list[int]) -> dict:
    return {"count": count, "open_pct": open_pct, "categories": Category.values, "customers": customer_ids}


# Every customer and SLO, one sample per 5 minutes over [start, end]: ~0.4 % errors.
SLI_SAMPLES_SQL = """
INSERT INTO monitoring_slisample (slo_id, customer_id, at, good, total)
SELECT s.id, c.id, g.at, 1000 - floor(random() * 8), 1000
FROM monitoring_slo s, tenants_pilotcustomer c, generate_series(%(start)s::timestamptz, %(end)s::timestamptz,
     '5 minutes') AS g(at)
WHERE c.id = ANY(%(customers)s::int[])
ON CONFLICT DO NOTHING
"""
