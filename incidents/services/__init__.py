"""Writes of the incidents app (keyword-only `<entity>_<action>` functions), one module per concern."""

from incidents.services.counts import incident_counts_compact
from incidents.services.customer import incident_customer_confirm, incident_customer_reply
from incidents.services.engine import EngineResult, incident_timers_run
from incidents.services.lifecycle import (
    IncidentInput,
    incident_acknowledge,
    incident_acknowledge_many,
    incident_assign,
    incident_edit,
    incident_input_errors,
    incident_note_add,
    incident_open,
    incident_open_from_alert,
    incident_pause,
    incident_reopen,
    incident_report_from_portal,
    incident_resolve,
    incident_resume,
    incident_scope_errors,
    incident_scope_set,
    incident_severity_change,
    incident_transition,
)
from incidents.services.runbooks import runbook_attach, runbook_step_tick
from incidents.services.setup import holidays_sync, policies_ensure
from incidents.services.updates import incident_customers, incident_resolve_with_notice, incident_update_post

__all__ = [
    "EngineResult",
    "IncidentInput",
    "holidays_sync",
    "incident_acknowledge",
    "incident_acknowledge_many",
    "incident_assign",
    "incident_edit",
    "incident_counts_compact",
    "incident_customers",
    "incident_customer_confirm",
    "incident_customer_reply",
    "incident_input_errors",
    "incident_note_add",
    "incident_open",
    "incident_open_from_alert",
    "incident_pause",
    "incident_reopen",
    "incident_report_from_portal",
    "incident_resolve",
    "incident_resolve_with_notice",
    "incident_resume",
    "incident_scope_errors",
    "incident_scope_set",
    "incident_severity_change",
    "incident_timers_run",
    "incident_transition",
    "incident_update_post",
    "policies_ensure",
    "runbook_attach",
    "runbook_step_tick",
]
