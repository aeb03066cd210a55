# ruff: noqa: E501 - a table of translations reads best one entry per line
"""Arabic translations of the foundation's strings (templates/registration, templates/portal, tenants).

Run after makemessages: `.venv/bin/python scripts/po_fill.py locale/ar/LC_MESSAGES/django.po locale/translate_ar.py`.
"""

AR = {
    "Deactivate %(name)s": "إيقاف حساب %(name)s",
    "Deactivate": "إيقاف",
    "Add a member (e-mail)": "إضافة عضو (البريد الإلكتروني)",
    "Add": "إضافة",
    "The account is deactivated.": "تم إيقاف الحساب.",
    "The account is created; a link to set its password is on its way.": "تم إنشاء الحساب، وسيصل رابط تعيين كلمة المرور قريباً.",
    "Enter a valid e-mail address.": "أدخل عنوان بريد إلكتروني صالحاً.",
    "This person already has an account.": "لهذا الشخص حساب بالفعل.",
    "Only member accounts can be deactivated here.": "يمكن هنا إيقاف حسابات الأعضاء فقط.",
    "Team": "الفريق",
    "Customer admin": "مسؤول لدى العميل",
    "Customer member": "عضو لدى العميل",
    "Accounts": "الحسابات",
    "Role": "الدور",
    "Last sign-in": "آخر تسجيل دخول",
    "Survey contacts": "جهات اتصال الاستبيان",
    "Name": "الاسم",
    "E-mail": "البريد الإلكتروني",
    "Language": "اللغة",
    "Receives surveys": "يتلقى الاستبيانات",
    "No survey contacts yet.": "لا توجد جهات اتصال للاستبيان بعد.",
    "Sign-in locked": "تسجيل الدخول مقفل",
    "Too many reset requests for this address. Please try again in an hour.": "طلبات إعادة التعيين لهذا العنوان كثيرة جداً. يُرجى المحاولة مرة أخرى بعد ساعة.",
}
PLURALS = {
    "This sign-in is locked after %(limit)s wrong password.": "تم قفل تسجيل الدخول بعد %(limit)s من المحاولات الخاطئة لكلمة المرور.",
    "Please try again in %(minutes)s minute.": "يُرجى المحاولة مرة أخرى بعد %(minutes)s دقيقة.",
}
