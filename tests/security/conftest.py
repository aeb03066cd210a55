"""Fixtures of the security tests."""

import pytest
from rest_framework.views import APIView


@pytest.fixture
def no_api_throttle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that send hundreds of requests as one user: DRF binds the throttle classes to APIView when it
    is imported, so overriding the setting would not reach them."""
    monkeypatch.setattr(APIView, "throttle_classes", [])
