# ruff: noqa: E501 - a table of translations reads best one entry per line
"""Arabic translations of the incidents app's strings added since its catalogue was first written.

Run after makemessages: `.venv/bin/python scripts/po_fill.py incidents/locale/ar/LC_MESSAGES/django.po incidents/locale/translate_ar.py`.
"""

AR = {
    "The host %(host)s cannot be resolved.": "تعذّر العثور على عنوان المضيف %(host)s.",
    "Enter a valid http or https URL.": "أدخل رابط http أو https صالحاً.",
    "Put no user name or password in the URL.": "لا تضع اسم مستخدم أو كلمة مرور في الرابط.",
    "%(host)s is a loopback, link-local or private address; list it in WEBHOOK_ALLOWED_HOSTS to allow it.": "%(host)s عنوان محلي أو خاص؛ أضفه إلى WEBHOOK_ALLOWED_HOSTS للسماح به.",
    "Too many redirects.": "عدد كبير جداً من عمليات إعادة التوجيه.",
}
