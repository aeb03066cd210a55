"""This app's part of `manage.py seed_demo` (idempotent): the final report's written parts, in both languages."""

from collections.abc import Callable

from reports.selectors import report_narrative_get
from reports.services import report_narrative_save

DEMO_TEXT = {
    "executive_summary_en": (
        "Three fish farms in Riyadh, Jeddah and Dammam used AquaFarm for ten weeks. The system stayed "
        "available and fast enough for daily work, and the farms' staff entered their water-quality readings "
        "every day. The figures below support a release with the conditions listed in the recommendations."
    ),
    "executive_summary_ar": (
        "استخدمت ثلاث مزارع سمكية في الرياض وجدة والدمام نظام أكوافارم لمدة عشرة أسابيع. بقي النظام متاحاً "
        "وسريعاً بما يكفي للعمل اليومي، وأدخل موظفو المزارع قراءات جودة المياه كل يوم. تدعم الأرقام التالية "
        "الإطلاق العام بالشروط المذكورة في التوصيات."
    ),
    "recommendations_en": (
        "Release region by region, starting with farms of one to five ponds like the pilot's.\n"
        "Keep the pilot's support hours for the first month of each region, and the severity targets as they are.\n"
        "Ship the offline entry of readings on the mobile app before farms with weak coverage join."
    ),
    "recommendations_ar": (
        "الإطلاق منطقة بعد منطقة، بدءاً بالمزارع التي لديها من حوض إلى خمسة أحواض مثل مزارع التجربة.\n"
        "الإبقاء على ساعات دعم التجربة خلال الشهر الأول لكل منطقة، وعلى أهداف الاستجابة لكل درجة خطورة كما هي.\n"
        "إتاحة إدخال القراءات دون اتصال في تطبيق الجوال قبل انضمام المزارع ذات التغطية الضعيفة."
    ),
    "future_plan_en": (
        "Quarter 1: offline entry on the mobile app, faster pond list, export of reports to Excel.\n"
        "Quarter 2: alerts on water-quality readings by SMS, a feed-cost report per pond.\n"
        "Quarter 3: integration with the sensors the farms already own."
    ),
    "future_plan_ar": (
        "الربع الأول: الإدخال دون اتصال في تطبيق الجوال، وتسريع قائمة الأحواض، وتصدير التقارير إلى إكسل.\n"
        "الربع الثاني: تنبيهات قراءات جودة المياه عبر الرسائل النصية، وتقرير تكلفة الأعلاف لكل حوض.\n"
        "الربع الثالث: التكامل مع أجهزة الاستشعار التي تملكها المزارع."
    ),
    "lessons_learned_en": (
        "Train before go-live: the farm that had its session in the first week entered data sooner and "
        "reported fewer problems.\n"
        "One contact person per farm made the weekly check-ins short and useful.\n"
        "Alerts on the same requests must open one incident, not two."
    ),
    "lessons_learned_ar": (
        "التدريب قبل التشغيل: المزرعة التي تلقت جلستها في الأسبوع الأول بدأت إدخال البيانات أبكر وأبلغت عن "
        "مشكلات أقل.\n"
        "وجود شخص تواصل واحد لكل مزرعة جعل المتابعات الأسبوعية قصيرة ومفيدة.\n"
        "التنبيهات على الطلبات نفسها يجب أن تفتح حادثة واحدة لا حادثتين."
    ),
}


def seed(*, log: Callable[[str], None]) -> None:
    """Write the demo text of the final report unless someone has written any."""
    narrative = report_narrative_get()
    if any(getattr(narrative, field) for field in DEMO_TEXT):
        log("final report text already written: left as it is")
        return
    report_narrative_save(texts=DEMO_TEXT)
    log("final report text written in Arabic and English")
