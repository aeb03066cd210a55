"""The plan's weekly check-in survey (section 3.3) and the features the pilot offers (section 3 of the
training plan), shipped as data: both languages are stored, so they are not gettext strings."""

FEATURES = (
    ("farms-ponds", "Farms and ponds management", "إدارة المزارع والأحواض"),
    ("water-quality", "Water-quality readings", "قراءات جودة المياه"),
    ("daily-entry", "Daily data entry", "إدخال البيانات اليومية"),
    ("reports", "Reports", "التقارير"),
    ("mobile-app", "Mobile app", "تطبيق الجوال"),
)

SURVEY = {
    "key": "weekly-checkin",
    "title_en": "Weekly pilot check-in",
    "title_ar": "الاستبيان الأسبوعي للتجربة",
    "intro_en": "Two minutes about your week with AquaFarm. Your answers shape what we fix first.",
    "intro_ar": "دقيقتان عن أسبوعك مع أكوافارم. إجاباتك تحدد ما نصلحه أولاً.",
}

# key, kind, required, English, Arabic, options, item kind
QUESTIONS = (
    (
        "satisfaction",
        "csat",
        True,
        "Overall, how satisfied were you with AquaFarm this week?",
        "بشكل عام، ما مدى رضاك عن أكوافارم هذا الأسبوع؟",
        [],
        "",
    ),
    (
        "recommend",
        "nps",
        True,
        "How likely are you to recommend AquaFarm to another fish farm?",
        "ما مدى احتمال أن توصي بأكوافارم لمزرعة أسماك أخرى؟",
        [],
        "",
    ),
    (
        "effort",
        "ces",
        True,
        "How easy was it to get your work done in AquaFarm this week?",
        "ما مدى سهولة إنجاز عملك في أكوافارم هذا الأسبوع؟",
        [],
        "",
    ),
    (
        "features",
        "features",
        False,
        "Which features did you use this week?",
        "ما الميزات التي استخدمتها هذا الأسبوع؟",
        [],
        "",
    ),
    (
        "problems",
        "single",
        True,
        "Did you run into a problem this week?",
        "هل واجهت مشكلة هذا الأسبوع؟",
        [
            {"value": "none", "en": "No problem", "ar": "لا مشكلة"},
            {"value": "minor", "en": "A minor problem", "ar": "مشكلة بسيطة"},
            {"value": "blocking", "en": "A problem that stopped my work", "ar": "مشكلة أوقفت عملي"},
        ],
        "",
    ),
    (
        "pain-point",
        "text",
        False,
        "What was the most frustrating part of this week?",
        "ما أكثر ما أزعجك هذا الأسبوع؟",
        [],
        "pain_point",
    ),
    (
        "request",
        "text",
        False,
        "What should we add or improve?",
        "ما الذي يجب أن نضيفه أو نحسنه؟",
        [],
        "feature_request",
    ),
)
