"""Back-office pages of the feedback app: the dashboards and customer pages, and the surveys."""
