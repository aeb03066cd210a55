# ruff: noqa: E501 - prose reads best one paragraph per line
"""The training content of the plan (3.1: topics of the two-hour session, user guide, FAQ, support
contact) written out for farm staff in English and Arabic. The user guide, the quick-reference card
and the portal's FAQ are generated from this one source, so they cannot drift apart.
"""

from dataclasses import dataclass

from pilot.choices import TrainingTopic


@dataclass(frozen=True)
class Text:
    en: str
    ar: str

    def get(self, language: str) -> str:
        return self.ar if language == "ar" else self.en


@dataclass(frozen=True)
class Chapter:
    topic: str
    title: Text
    intro: Text
    steps: tuple[Text, ...]
    tip: Text


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(
        TrainingTopic.OVERVIEW,
        Text("System overview", "نظرة عامة على النظام"),
        Text(
            "AquaFarm keeps your farm's daily work in one place: your farms and ponds, water-quality readings, feeding, stock and the reports you share with your team. It works in a web browser and in the mobile app, in Arabic and English.",
            "يجمع AquaFarm عمل مزرعتك اليومي في مكان واحد: المزارع والأحواض، وقراءات جودة المياه، والتغذية، والمخزون، والتقارير التي تشاركها مع فريقك. يعمل في متصفح الويب وفي التطبيق المحمول، بالعربية والإنجليزية.",
        ),
        (
            Text(
                "Sign in with the e-mail address and password your farm's administrator gave you.",
                "سجّل الدخول بالبريد الإلكتروني وكلمة المرور اللذين أعطاك إياهما مسؤول مزرعتك.",
            ),
            Text(
                "The home page shows today's tasks, your ponds and any warning about water quality.",
                "تعرض الصفحة الرئيسية مهام اليوم وأحواضك وأي تنبيه عن جودة المياه.",
            ),
            Text(
                "Use the menu to move between Farms, Readings, Feeding, Reports and Settings.",
                "استخدم القائمة للتنقل بين المزارع والقراءات والتغذية والتقارير والإعدادات.",
            ),
            Text(
                "Switch the language at any time from the top bar; your data stays the same.",
                "بدّل اللغة في أي وقت من الشريط العلوي؛ تبقى بياناتك كما هي.",
            ),
            Text("Sign out when you finish on a shared computer.", "سجّل الخروج عند الانتهاء إذا كان الحاسوب مشتركاً."),
        ),
        Text(
            "Your account only sees your own farm: other farms in the pilot never see your data.",
            "حسابك يرى مزرعتك فقط: لا ترى المزارع الأخرى في التجربة بياناتك أبداً.",
        ),
    ),
    Chapter(
        TrainingTopic.FARMS_PONDS,
        Text("Managing farms and ponds", "إدارة المزارع والأحواض"),
        Text(
            "Each farm holds its ponds. A pond has a name, a size, the species it holds and its current stock. Keeping this list right makes every reading and report correct.",
            "تضم كل مزرعة أحواضها. لكل حوض اسم وحجم ونوع الأسماك التي يحتويها ومخزونه الحالي. إبقاء هذه القائمة صحيحة يجعل كل قراءة وكل تقرير صحيحاً.",
        ),
        (
            Text("Open Farms and choose your farm.", "افتح المزارع واختر مزرعتك."),
            Text(
                "Press Add pond, enter its name, area or volume and the species, then Save.",
                "اضغط إضافة حوض، وأدخل اسمه ومساحته أو حجمه ونوع الأسماك، ثم احفظ.",
            ),
            Text(
                "To change a pond, open it and press Edit; every change is kept in its history.",
                "لتعديل حوض افتحه واضغط تعديل؛ يُحفظ كل تغيير في سجله.",
            ),
            Text(
                "Record a stocking or a harvest from the pond's page so the stock count stays right.",
                "سجّل الاستزراع أو الحصاد من صفحة الحوض ليبقى عدد المخزون صحيحاً.",
            ),
            Text(
                "Archive a pond you no longer use instead of deleting it: its history stays in your reports.",
                "أرشف الحوض الذي لم تعد تستخدمه بدلاً من حذفه: يبقى تاريخه في تقاريرك.",
            ),
        ),
        Text(
            "Give ponds names your team already uses on site, such as “North 1”.",
            "أعطِ الأحواض أسماء يستخدمها فريقك في الموقع، مثل «الشمالي 1».",
        ),
    ),
    Chapter(
        TrainingTopic.DAILY_DATA,
        Text("Daily data entry", "إدخال البيانات اليومية"),
        Text(
            "Daily readings are the heart of AquaFarm: water temperature, dissolved oxygen, pH and ammonia, plus the feed given. Entered every day, they warn you early when a pond needs attention.",
            "القراءات اليومية هي قلب AquaFarm: درجة حرارة المياه والأكسجين المذاب ودرجة الحموضة والأمونيا، بالإضافة إلى العلف المقدَّم. عند إدخالها كل يوم تنبّهك مبكراً عندما يحتاج حوض إلى عناية.",
        ),
        (
            Text("Open Readings and choose the pond.", "افتح القراءات واختر الحوض."),
            Text(
                "Enter the values measured this morning; the form shows the usual range beside each field.",
                "أدخل القيم المقيسة هذا الصباح؛ يعرض النموذج النطاق المعتاد بجانب كل حقل.",
            ),
            Text("Enter the feed given in kilograms in Feeding.", "أدخل العلف المقدَّم بالكيلوغرام في التغذية."),
            Text(
                "Press Save. A value outside the usual range is marked in red and your manager is told.",
                "اضغط حفظ. تُعلَّم القيمة الخارجة عن النطاق المعتاد باللون الأحمر ويُبلَّغ مديرك.",
            ),
            Text(
                "Made a mistake? Open the reading and correct it the same day.",
                "أخطأت؟ افتح القراءة وصحّحها في اليوم نفسه.",
            ),
        ),
        Text(
            "Enter readings at the same time every day so they compare well.",
            "أدخل القراءات في الوقت نفسه كل يوم لتكون المقارنة بينها صحيحة.",
        ),
    ),
    Chapter(
        TrainingTopic.REPORTS,
        Text("Creating reports", "إنشاء التقارير"),
        Text(
            "Reports turn your daily entries into a picture of each pond and of the whole farm: growth, feed use, water quality over time and costs.",
            "تحوّل التقارير إدخالاتك اليومية إلى صورة عن كل حوض وعن المزرعة كلها: النمو واستهلاك العلف وجودة المياه عبر الوقت والتكاليف.",
        ),
        (
            Text(
                "Open Reports and pick a report, for example Water quality or Feed use.",
                "افتح التقارير واختر تقريراً، مثل جودة المياه أو استهلاك العلف.",
            ),
            Text("Choose the farm or pond and the dates.", "اختر المزرعة أو الحوض والتواريخ."),
            Text(
                "Press Show to see it on screen, or Download for a PDF or a spreadsheet.",
                "اضغط عرض لتراه على الشاشة، أو تنزيل للحصول على ملف PDF أو جدول بيانات.",
            ),
            Text(
                "Share the downloaded file with your team or your accountant.", "شارك الملف المنزَّل مع فريقك أو محاسبك."
            ),
        ),
        Text(
            "A weekly water-quality report is a good start for your Sunday team meeting.",
            "تقرير جودة المياه الأسبوعي بداية جيدة لاجتماع فريقك يوم الأحد.",
        ),
    ),
    Chapter(
        TrainingTopic.MOBILE_APP,
        Text("Using the mobile app", "استخدام التطبيق المحمول"),
        Text(
            "The mobile app lets you enter readings beside the pond. It works without a network and sends your entries when the phone is back online.",
            "يتيح لك التطبيق المحمول إدخال القراءات بجانب الحوض. يعمل دون اتصال بالشبكة ويرسل إدخالاتك عند عودة اتصال الهاتف.",
        ),
        (
            Text("Install AquaFarm from the App Store or Google Play.", "ثبّت AquaFarm من App Store أو Google Play."),
            Text(
                "Sign in with the same e-mail and password as on the web.",
                "سجّل الدخول بالبريد الإلكتروني وكلمة المرور نفسيهما المستخدمَين على الويب.",
            ),
            Text("Tap a pond, then Add reading, and fill in the values.", "اضغط على حوض، ثم إضافة قراءة، واملأ القيم."),
            Text(
                "A cloud icon with a number shows entries waiting for the network; they leave on their own.",
                "تعرض أيقونة السحابة مع رقم الإدخالات التي تنتظر الشبكة؛ تُرسَل تلقائياً.",
            ),
        ),
        Text(
            "Keep the app updated: new versions during the pilot fix problems you report.",
            "حدّث التطبيق باستمرار: الإصدارات الجديدة خلال التجربة تصلح المشكلات التي تبلّغ عنها.",
        ),
    ),
)

FAQ: tuple[tuple[Text, Text], ...] = (
    (
        Text("How do I add a pond?", "كيف أضيف حوضاً؟"),
        Text(
            "Open Farms, choose your farm and press Add pond. Enter its name, size and species, then Save.",
            "افتح المزارع واختر مزرعتك واضغط إضافة حوض. أدخل اسمه وحجمه ونوع الأسماك ثم احفظ.",
        ),
    ),
    (
        Text("I forgot my password. What do I do?", "نسيت كلمة المرور. ماذا أفعل؟"),
        Text(
            "On the sign-in page press Forgot password and follow the link sent to your e-mail.",
            "في صفحة تسجيل الدخول اضغط نسيت كلمة المرور واتبع الرابط المرسل إلى بريدك الإلكتروني.",
        ),
    ),
    (
        Text("I entered a wrong reading. Can I fix it?", "أدخلت قراءة خاطئة. هل يمكنني تصحيحها؟"),
        Text(
            "Yes. Open the reading, correct the value and save; the change is kept in its history.",
            "نعم. افتح القراءة وصحّح القيمة واحفظ؛ يُحفظ التغيير في سجلها.",
        ),
    ),
    (
        Text("Does the mobile app work without internet?", "هل يعمل التطبيق المحمول دون إنترنت؟"),
        Text(
            "Yes. Entries wait on the phone and are sent as soon as it is online again.",
            "نعم. تنتظر الإدخالات على الهاتف وتُرسَل فور عودة الاتصال.",
        ),
    ),
    (
        Text("Who can see my farm's data?", "من يستطيع رؤية بيانات مزرعتي؟"),
        Text(
            "Only your farm's accounts and the AquaFarm support team when you ask for help. Other pilot farms never see it.",
            "حسابات مزرعتك فقط، وفريق دعم AquaFarm عندما تطلب المساعدة. لا تراها مزارع التجربة الأخرى أبداً.",
        ),
    ),
    (
        Text("Something does not work. How do I tell you?", "شيء لا يعمل. كيف أبلغكم؟"),
        Text(
            "Use Report a problem on this portal. You can add a screenshot, follow our updates and reply to us there.",
            "استخدم «الإبلاغ عن مشكلة» في هذه البوابة. يمكنك إرفاق لقطة شاشة ومتابعة تحديثاتنا والرد علينا هناك.",
        ),
    ),
    (
        Text("How do I suggest a new feature?", "كيف أقترح ميزة جديدة؟"),
        Text(
            "Open Feedback on this portal and describe it. Others can say “me too”, which helps us choose what comes first.",
            "افتح الملاحظات في هذه البوابة وصِف الميزة. يمكن للآخرين قول «وأنا أيضاً»، وهذا يساعدنا على اختيار الأولويات.",
        ),
    ),
)

SUPPORT = Text(
    "AquaFarm pilot support: support@aquafarm.example · +966 11 000 0000 · Sunday to Thursday, 08:00–17:00 (Riyadh time). For a problem, use Report a problem on the portal at any time.",
    "دعم تجربة AquaFarm: support@aquafarm.example · ‎+966 11 000 0000 · من الأحد إلى الخميس، 08:00–17:00 (بتوقيت الرياض). للإبلاغ عن مشكلة استخدم «الإبلاغ عن مشكلة» في البوابة في أي وقت.",
)


def faq_for(language: str) -> list[tuple[str, str]]:
    """The FAQ's questions and answers in one language (the portal's training page shows them)."""
    return [(question.get(language), answer.get(language)) for question, answer in FAQ]
