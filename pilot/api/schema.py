"""OpenAPI schema helpers (kept apart from pilot/api/base.py: drf-spectacular imports DRF's generics,
which import the pagination class named in the settings from base.py)."""

from typing import Any

from drf_spectacular.openapi import AutoSchema


class ObjectAnswersSchema(AutoSchema):
    """For a viewset whose `list` answers one object (the scorecard): drf-spectacular takes every `list`
    for an array, so the schema would contradict the answer."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False
