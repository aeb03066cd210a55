"""Reads of a customer's starting data, in the schema the caller is in (the schema is the customer)."""

from farms.models import Farm, Pond


def farm_pond_counts() -> tuple[int, int]:
    """How many farms and ponds this customer has (two queries)."""
    return Farm.objects.count(), Pond.objects.count()
