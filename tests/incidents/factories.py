"""Building incidents for tests through the services (so deadlines are computed the real way)."""

import datetime as dt
from zoneinfo import ZoneInfo

from incidents.models import Incident
from incidents.services import IncidentInput, incident_open
from tenants.models import PilotCustomer

RIYADH = ZoneInfo("Asia/Riyadh")


def riyadh(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=RIYADH)


def incident_make(customer: PilotCustomer | None = None, **fields: object) -> Incident:
    fields.setdefault("title", "Ponds page is down")
    fields.setdefault("category", "system_down")
    customers = [customer] if customer else []
    data = IncidentInput(customers=customers, all_customers=customer is None, **fields)
    return incident_open(data=data)
