"""Admin of the feedback app: nothing is registered, on purpose.

Every feedback table lives in a customer's own schema, and the admin site answers on the public
domain only, where those tables do not exist. Staff work on feedback through the back-office pages
(`feedback/backoffice_views/`), which read and write each customer's schema through this app's
services and selectors (`customer=`).
"""
