"""Admin of the farms app: nothing is registered, on purpose.

A customer's farms, ponds, accounts and tax profile live in its own schema, which the public admin
site never reads; they are created by provisioning (`farms.services`) and counted by the report
(`farms.selectors`).
"""
