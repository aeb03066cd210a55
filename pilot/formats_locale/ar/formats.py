"""Arabic number separators for everything Django localizes by itself ({{ value }}, floatformat,
admin lists): the same "." and "," as pilot/formats.py, instead of Django's Arabic "," decimal —
which put "97,03 %" beside "97.03 %" on one page. Dates keep Django's Arabic formats."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
