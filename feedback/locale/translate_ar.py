# ruff: noqa: E501 - a table of translations reads best one entry per line
"""Fills feedback/locale/ar/LC_MESSAGES/django.po from the table below (run after makemessages)."""

import re
from pathlib import Path

AR = {
    "Measure": "المقياس",
    "Value": "القيمة",
    "Target": "المستهدف",
    "Satisfaction (CSAT 4–5)": "الرضا (تقييم ٤–٥)",
    "NPS": "صافي نقاط الترويج",
    "Effort (CES, 1–7)": "الجهد (١–٧)",
    "Response rate": "معدل الاستجابة",
    "Feature adoption": "تبني الميزات",
    "Churn": "معدل الانسحاب",
    "Positive feedback (NPS 7–10)": "الملاحظات الإيجابية (٧–١٠)",
    "Top pain points": "أبرز نقاط الألم",
    "Top requests": "أبرز الطلبات",
    "Week by week": "أسبوعاً بأسبوع",
    "Week starting": "بداية الأسبوع",
    "Satisfaction": "الرضا",
    "Responses": "الردود",
    "No survey rounds yet.": "لا توجد جولات استبيان بعد.",
    "All customers": "كل العملاء",
    "Feedback items": "عناصر الملاحظات",
    "Title": "العنوان",
    "Kind": "النوع",
    "Source": "المصدر",
    "Status": "الحالة",
    "Votes": "الأصوات",
    "Duplicate #": "المكرر رقم",
    "merge into #": "دمجه في رقم",
    "Merge": "دمج",
    "Check-ins": "المتابعات الأسبوعية",
    "Held at": "موعد المقابلة",
    "Interviewer": "المحاور",
    "Interviewees": "من تمت مقابلتهم",
    "Problems": "المشاكل",
    "Suggestions": "الاقتراحات",
    "Record a check-in": "تسجيل متابعة",
    "Save": "حفظ",
    "From": "من",
    "Until (exclusive)": "حتى (دون احتسابه)",
    "Show": "عرض",
    "Per customer": "لكل عميل",
    "Customer": "العميل",
    "Adoption": "التبني",
    "No customers yet.": "لا يوجد عملاء بعد.",
    "Hello %(name)s,": "مرحباً %(name)s،",
    "We have not received your answers to this week's short survey yet.": "لم تصلنا إجاباتك على استبيان هذا الأسبوع القصير بعد.",
    "How was your week with AquaFarm? Please answer our short weekly survey; it takes about two minutes.": "كيف كان أسبوعك مع أكوافارم؟ نرجو الإجابة على استبياننا الأسبوعي القصير؛ يستغرق نحو دقيقتين.",
    "Answer the survey": "أجب على الاستبيان",
    "The link is personal and works until %(closes)s. You can change your answers until then.": "الرابط خاص بك ويعمل حتى %(closes)s. يمكنك تعديل إجاباتك حتى ذلك الحين.",
    "Thank you, the AquaFarm pilot team": "شكراً لك، فريق تجربة أكوافارم",
    "Reminder: %(title)s": "تذكير: %(title)s",
    "two minutes of your time": "دقيقتان من وقتك",
    "Your feedback": "ملاحظاتك",
    "Nothing raised yet.": "لم يُرفع شيء بعد.",
    "Request a feature or report a problem": "اطلب ميزة أو أبلغ عن مشكلة",
    "Feedback": "الملاحظات",
    "Send": "إرسال",
    "Raised so far": "ما رُفع حتى الآن",
    "Me too: %(title)s": "أنا أيضاً: %(title)s",
    "Me too": "أنا أيضاً",
    "AquaFarm survey": "استبيان أكوافارم",
    "AquaFarm pilot": "تجربة أكوافارم",
    "Thank you": "شكراً لك",
    "Thank you!": "شكراً لك!",
    "Your answers are saved. They help us improve AquaFarm for your farm.": "تم حفظ إجاباتك. إنها تساعدنا على تحسين أكوافارم لمزرعتك.",
    "You can change your answers with the same link until %(closes)s.": "يمكنك تعديل إجاباتك بالرابط نفسه حتى %(closes)s.",
    "Review or change my answers": "مراجعة إجاباتي أو تعديلها",
    "Link not valid": "الرابط غير صالح",
    "This link is not valid": "هذا الرابط غير صالح",
    "The survey link may be mistyped, too old, or already closed. If you were expecting a survey, please use the "
    "latest e-mail we sent you.": "قد يكون رابط الاستبيان مكتوباً بشكل خاطئ أو قديماً أو مغلقاً. إن كنت تنتظر استبياناً فاستخدم آخر بريد أرسلناه إليك.",
    "You have already answered. You can change your answers below": "لقد أجبت من قبل. يمكنك تعديل إجاباتك أدناه",
    "You can change your answers later with the same link": "يمكنك تعديل إجاباتك لاحقاً بالرابط نفسه",
    "until the survey closes on %(closes)s.": "حتى إغلاق الاستبيان في %(closes)s.",
    "Questions marked * need an answer.": "الأسئلة المعلّمة بـ * تحتاج إلى إجابة.",
    "Please check these answers": "يرجى مراجعة هذه الإجابات",
    "required": "مطلوب",
    "Your answer (optional)": "إجابتك (اختيارية)",
    "Save my changes": "حفظ التعديلات",
    "Send my answers": "إرسال إجاباتي",
    "Give one answer only.": "أعطِ إجابة واحدة فقط.",
    "Choose a whole number from %(low)s to %(high)s.": "اختر عدداً صحيحاً من %(low)s إلى %(high)s.",
    "Choose a number from %(low)s to %(high)s.": "اختر رقماً من %(low)s إلى %(high)s.",
    "Choose from the options given.": "اختر من الخيارات المعروضة.",
    "Unknown option: %(options)s.": "خيار غير معروف: %(options)s.",
    "Write text here.": "اكتب نصاً هنا.",
    "Keep it under %(max)s characters (this has %(length)s).": "اجعله أقل من %(max)s حرفاً (هذا فيه %(length)s).",
    "This question needs an answer.": "هذا السؤال يحتاج إلى إجابة.",
    "Satisfaction %": "الرضا ٪",
    "Response rate %": "معدل الاستجابة ٪",
    "Adoption %": "التبني ٪",
    "Feedback of %(name)s": "ملاحظات %(name)s",
    "Check-in recorded.": "تم تسجيل المتابعة.",
    "Duplicate merged.": "تم دمج المكرر.",
    "Choose two items to merge.": "اختر عنصرين للدمج.",
    "Satisfaction (1–5)": "الرضا (١–٥)",
    "Recommendation (0–10)": "التوصية (٠–١٠)",
    "Effort (1–7)": "الجهد (١–٧)",
    "Single choice": "اختيار واحد",
    "Multiple choice": "اختيار متعدد",
    "Free text": "نص حر",
    "Features used": "الميزات المستخدمة",
    "Arabic": "العربية",
    "English": "الإنجليزية",
    "Feature request": "طلب ميزة",
    "Pain point": "نقطة ألم",
    "Problem report": "بلاغ مشكلة",
    "Improvement suggestion": "اقتراح تحسين",
    "Customer portal": "بوابة العميل",
    "Survey": "الاستبيان",
    "Check-in": "متابعة أسبوعية",
    "New": "جديد",
    "Planned": "مخطط له",
    "In progress": "قيد التنفيذ",
    "Done": "منجز",
    "Declined": "مرفوض",
    "Merged into another": "مدموج في عنصر آخر",
    "What is it?": "ما نوعه؟",
    "Details": "التفاصيل",
    "name": "الاسم",
    "e-mail": "البريد الإلكتروني",
    "language": "اللغة",
    "receives surveys": "يتلقى الاستبيانات",
    "created at": "أنشئ في",
    "contact": "جهة اتصال",
    "contacts": "جهات الاتصال",
    "key": "المفتاح",
    "name (English)": "الاسم (بالإنجليزية)",
    "name (Arabic)": "الاسم (بالعربية)",
    "order": "الترتيب",
    "offered": "متاحة",
    "feature": "ميزة",
    "features": "الميزات",
    "title (English)": "العنوان (بالإنجليزية)",
    "title (Arabic)": "العنوان (بالعربية)",
    "introduction (English)": "المقدمة (بالإنجليزية)",
    "introduction (Arabic)": "المقدمة (بالعربية)",
    "published": "منشور",
    "survey": "استبيان",
    "surveys": "الاستبيانات",
    "kind": "النوع",
    "question (English)": "السؤال (بالإنجليزية)",
    "question (Arabic)": "السؤال (بالعربية)",
    "options": "الخيارات",
    "creates feedback items of kind": "ينشئ عناصر ملاحظات من نوع",
    "question": "سؤال",
    "questions": "الأسئلة",
    "week starting": "بداية الأسبوع",
    "opened at": "فُتح في",
    "closes at": "يُغلق في",
    "survey round": "جولة استبيان",
    "survey rounds": "جولات الاستبيان",
    "expires at": "ينتهي في",
    "sent at": "أُرسل في",
    "reminders sent": "التذكيرات المرسلة",
    "last reminded at": "آخر تذكير في",
    "first opened at": "أول فتح في",
    "invitation": "دعوة",
    "invitations": "الدعوات",
    "submitted at": "أُرسل في",
    "updated at": "حُدّث في",
    "revisions": "التعديلات",
    "response": "رد",
    "responses": "الردود",
    "score": "الدرجة",
    "choices": "الاختيارات",
    "text": "النص",
    "answer": "إجابة",
    "answers": "الإجابات",
    "held at": "موعد المقابلة",
    "interviewer": "المحاور",
    "interviewees": "من تمت مقابلتهم",
    "satisfaction (1–5)": "الرضا (١–٥)",
    "problems": "المشاكل",
    "suggestions": "الاقتراحات",
    "check-in": "متابعة أسبوعية",
    "check-ins": "المتابعات الأسبوعية",
    "title": "العنوان",
    "description": "الوصف",
    "source": "المصدر",
    "status": "الحالة",
    "votes": "الأصوات",
    "linked incidents": "الحوادث المرتبطة",
    "duplicate of": "مكرر لـ",
    "feedback item": "عنصر ملاحظات",
    "feedback items": "عناصر الملاحظات",
    "Thank you, your vote is counted.": "شكراً لك، تم احتساب صوتك.",
    "Thank you, we have received it.": "شكراً لك، لقد استلمناه.",
    "Very dissatisfied": "غير راضٍ إطلاقاً",
    "Very satisfied": "راضٍ جداً",
    "Not at all likely": "غير محتمل إطلاقاً",
    "Extremely likely": "محتمل جداً",
    "Very difficult": "صعب جداً",
    "Very easy": "سهل جداً",
    "This field is required.": "هذا الحقل مطلوب.",
    "Keep it under %(max)s characters.": "اجعله أقل من %(max)s حرفاً.",
    "Choose one of: %(kinds)s.": "اختر واحداً من: %(kinds)s.",
    "Choose a status other than 'merged' (merge instead).": "اختر حالة غير «مدموج» (استخدم الدمج بدلاً من ذلك).",
    "An item cannot be merged into itself.": "لا يمكن دمج عنصر في نفسه.",
    "One of these items is already merged.": "أحد هذين العنصرين مدموج بالفعل.",
    "This survey has closed; answers can no longer change.": "أُغلق هذا الاستبيان؛ لم يعد ممكناً تعديل الإجابات.",
}
PLURALS = {
    "Overall (%(customers)s customer)": "الإجمالي (%(customers)s عملاء)",
    "%(votes)s vote": "%(votes)s صوت",
}

PO = Path(__file__).parent / "ar" / "LC_MESSAGES" / "django.po"


def _unquote(lines: list[str]) -> str:
    return "".join(re.match(r'^(?:msgid(?:_plural)? )?"(.*)"$', line).group(1) for line in lines).replace('\\"', '"')


def _quote(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def main() -> None:
    blocks = PO.read_text().split("\n\n")
    missing = []
    for index, block in enumerate(blocks):
        lines = block.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("msgid ")]
        if not starts:
            continue
        start = starts[0]
        end = next(i for i, line in enumerate(lines) if line.startswith(("msgid_plural", "msgstr")))
        msgid = _unquote(lines[start:end])
        if not msgid:
            continue
        head = lines[:end]
        if lines[end].startswith("msgid_plural"):
            plural_end = next(i for i, line in enumerate(lines) if line.startswith("msgstr"))
            head = lines[:plural_end]
            text = PLURALS.get(msgid)
            forms = [f"msgstr[{n}] {_quote(text or '')}" for n in range(6)]
            blocks[index] = "\n".join(head + forms)
        else:
            text = AR.get(msgid)
            blocks[index] = "\n".join([*head, f"msgstr {_quote(text or '')}"])
        if not text:
            missing.append(msgid)
        elif "#, fuzzy" in blocks[index]:
            blocks[index] = blocks[index].replace("#, fuzzy\n", "")
    blocks[0] = blocks[0].replace("#, fuzzy\n", "").replace('"Language: \\n"', '"Language: ar\\n"')
    PO.write_text("\n\n".join(blocks))
    print("missing:", missing)


if __name__ == "__main__":
    main()
