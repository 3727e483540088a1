# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Seed 000: the Harbin Conservatory of Music's memoranda with the St. Petersburg
Conservatory and Herzen University, its Russian experts (8 now, about 20 planned; two of
them directors of the piano and orchestra departments), and a call with applicants."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from amur.core.models import FieldOfExchange
from amur.directory.models import Organisation
from amur.directory.services import person_ensure
from amur.mobility.models import (
    Agreement,
    Application,
    Call,
    Condition,
    ExpertEngagement,
    ExpertTarget,
)

EXPERTS = [
    (
        "Иванова Елена Сергеевна",
        "Ivanova Elena",
        "钢琴系主任",
        "заведующая кафедрой фортепиано",
        "Director of the piano department",
    ),
    (
        "Петров Андрей Николаевич",
        "Petrov Andrei",
        "管弦系主任",
        "заведующий оркестровой кафедрой",
        "Director of the orchestra department",
    ),
    (
        "Смирнова Ольга Викторовна",
        "Smirnova Olga",
        "声乐教授",
        "профессор вокала",
        "Professor of voice",
    ),
    (
        "Кузнецов Дмитрий Павлович",
        "Kuznetsov Dmitrii",
        "小提琴教授",
        "профессор скрипки",
        "Professor of violin",
    ),
    (
        "Соколова Мария Игоревна",
        "Sokolova Mariia",
        "大提琴教授",
        "профессор виолончели",
        "Professor of cello",
    ),
    (
        "Волков Сергей Александрович",
        "Volkov Sergei",
        "作曲教授",
        "профессор композиции",
        "Professor of composition",
    ),
    (
        "Лебедева Анна Дмитриевна",
        "Lebedeva Anna",
        "钢琴伴奏教授",
        "профессор концертмейстерского мастерства",
        "Professor of piano accompaniment",
    ),
    (
        "Морозов Игорь Васильевич",
        "Morozov Igor",
        "指挥教授",
        "профессор дирижирования",
        "Professor of conducting",
    ),
]  # (the names are illustrative: the seed gives the numbers, not the names)


# The demo's institutions by their real web domains, which are their SCHAC codes in EWP (a
# SCHAC code is the institution's domain name). Only domains known for certain are listed:
# Heihe University, Harbin Vocational and Technical College and the Khabarovsk institute keep
# no code, so their EWP exports name them ``<slug>.amur.invalid`` (see ewp.hei_id), clearly
# not an identifier of the EWP network.
SCHAC_CODES = {
    "harbin-conservatory": "hrbcu.edu.cn",  # www.hrbcu.edu.cn
    "spb-conservatory": "conservatory.ru",  # www.conservatory.ru
    "herzen-university": "herzen.spb.ru",  # www.herzen.spb.ru
}


def load(*, scale: int, log) -> None:
    for slug, code in SCHAC_CODES.items():
        Organisation.objects.filter(slug=slug, schac_code="").update(schac_code=code)
    hcm = Organisation.objects.get(slug="harbin-conservatory")
    spb = Organisation.objects.get(slug="spb-conservatory")
    herzen = Organisation.objects.get(slug="herzen-university")
    agreements = []
    for partner, title_en, title_ru, title_zh in [
        (
            spb,
            "Memorandum of cooperation: Harbin Conservatory – St. Petersburg Conservatory",
            "Меморандум о сотрудничестве: Харбинская консерватория – Санкт-Петербургская консерватория",
            "哈尔滨音乐学院与圣彼得堡音乐学院合作备忘录",
        ),
        (
            herzen,
            "Memorandum of cooperation: Harbin Conservatory – Herzen University",
            "Меморандум о сотрудничестве: Харбинская консерватория – РГПУ им. А. И. Герцена",
            "哈尔滨音乐学院与赫尔岑师范大学合作备忘录",
        ),
    ]:
        agreement, _ = Agreement.objects.update_or_create(
            owner=hcm,
            title_en=title_en,
            defaults={
                "kind": "memorandum",
                "title_ru": title_ru,
                "title_zh": title_zh,
                "signed_on": date(2019, 9, 1),
                "valid_from": date(2019, 9, 1),
                "valid_until": date(2029, 8, 31),
                "status": "active",
                "isced_codes": "0215",
            },
        )
        agreement.partners.set([hcm, partner])
        for sending, receiving in ((hcm, partner), (partner, hcm)):
            Condition.objects.update_or_create(
                agreement=agreement,
                sending=sending,
                receiving=receiving,
                academic_year="2026/2027",
                defaults={
                    "students": 4,
                    "student_months": 5,
                    "staff": 2,
                    "staff_days": 10,
                    "language": "ru" if receiving != hcm else "zh",
                    "language_level": "B1",
                    "isced_code": "0215",
                    "eqf_level": 6,
                },
            )
        agreements.append(agreement)
        _signed_texts(agreement)
    music = FieldOfExchange.objects.filter(key="music").first()
    for name, latin, zh, ru, en in EXPERTS:
        person = person_ensure(
            name=name, script="cyrillic", name_latin=latin, nationality="RU", listed=False
        )
        ExpertEngagement.objects.update_or_create(
            person=person,
            host=hcm,
            defaults={
                "home": spb,
                "position_zh": zh,
                "position_ru": ru,
                "position_en": en,
                "field": music,
                "start": date(2021, 9, 1),
                "end": date(2027, 8, 31),
            },
        )
    ExpertTarget.objects.update_or_create(host=hcm, by_year=2027, defaults={"target": 20})
    call, _ = Call.objects.update_or_create(
        agreement=agreements[0],
        title_en="Semester at the St. Petersburg Conservatory, spring 2027",
        defaults={
            "sending": hcm,
            "host": spb,
            "kind": "semester",
            "seats": 2,
            "title_zh": "2027年春季圣彼得堡音乐学院交换学期",
            "title_ru": "Семестр в Санкт-Петербургской консерватории, весна 2027",
            "deadline": datetime(2026, 12, 15, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
            "min_language": "TORFL-1",
        },
    )
    users = get_user_model()
    for n, (name, status, mark) in enumerate(
        [
            ("王小明", "submitted", 88),
            ("李娜", "eligible", 91),
            ("张伟", "ranked", 85),
            ("刘洋", "ineligible", 55),
        ]
    ):
        applicant, _ = users.objects.get_or_create(
            username=f"demo-applicant-{n}", defaults={"email": f"applicant{n}@example.org"}
        )
        Application.objects.update_or_create(
            call=call,
            applicant=applicant,
            defaults={"name": name, "status": status, "grade_mark": mark, "language": "zh-hans"},
        )
    stays = _mobilities(hcm, spb, herzen, [*agreements, *_ending_agreements()])
    _joint_programme(hcm, spb, agreements[0], music)
    log(
        f"  {len(agreements)} memoranda, {len(EXPERTS)} foreign experts (target 20), 1 call, "
        f"{len(stays)} mobilities"
    )


# (username, native name, script, Latin name, nationality, sending, receiving, kind, start, end)
STAYS = [
    (
        "demo-student-hcm",
        "陈思远",
        "han",
        "Chen Siyuan",
        "CN",
        "harbin-conservatory",
        "spb-conservatory",
        "semester",
        date(2027, 2, 1),
        date(2027, 6, 30),
    ),
    (
        "demo-student-spb",
        "Алексеева Дарья",
        "cyrillic",
        "Alekseeva Daria",
        "RU",
        "spb-conservatory",
        "harbin-conservatory",
        "semester",
        date(2026, 9, 1),
        date(2027, 1, 20),
    ),
    (
        "demo-student-hcm-2",
        "赵雨桐",
        "han",
        "Zhao Yutong",
        "CN",
        "harbin-conservatory",
        "herzen-university",
        "semester",
        date(2025, 9, 1),
        date(2026, 1, 25),
    ),
    (
        "demo-student-hv",
        "孙浩",
        "han",
        "Sun Hao",
        "CN",
        "harbin-vocational",
        "khabarovsk-ied",
        "internship",
        date(2025, 3, 3),
        date(2025, 5, 30),
    ),
    (
        "demo-teacher-kied",
        "Никитина Ирина",
        "cyrillic",
        "Nikitina Irina",
        "RU",
        "khabarovsk-ied",
        "harbin-vocational",
        "teacher_training",
        date(2025, 10, 8),
        date(2025, 10, 21),
    ),
    (
        "demo-student-heihe",
        "周婷",
        "han",
        "Zhou Ting",
        "CN",
        "heihe-university",
        "herzen-university",
        "short",
        date(2026, 7, 1),
        date(2026, 7, 28),
    ),
    # One stay of every other kind Amur records, so that the demo's EWP exports show each
    # (ewp.py's table of kinds): a blended summer school, a doctoral study tour, a joint
    # graduate place and a staff teaching visit.
    (
        "demo-student-hcm-summer",
        "林若溪",
        "han",
        "Lin Ruoxi",
        "CN",
        "harbin-conservatory",
        "spb-conservatory",
        "summer",
        date(2026, 7, 6),
        date(2026, 7, 24),
    ),
    (
        "demo-doctoral-spb",
        "Соколов Матвей",
        "cyrillic",
        "Sokolov Matvei",
        "RU",
        "spb-conservatory",
        "harbin-conservatory",
        "study_tour",
        date(2026, 4, 13),
        date(2026, 4, 24),
    ),
    (
        "demo-student-hcm-graduate",
        "何嘉怡",
        "han",
        "He Jiayi",
        "CN",
        "harbin-conservatory",
        "herzen-university",
        "graduate",
        date(2026, 9, 1),
        date(2027, 6, 30),
    ),
    (
        "demo-teacher-spb",
        "Лебедева Вера Павловна",
        "cyrillic",
        "Lebedeva Vera",
        "RU",
        "spb-conservatory",
        "harbin-conservatory",
        "staff_teaching",
        date(2026, 10, 12),
        date(2026, 10, 23),
    ),
]
STAFF_STAYS = {"teacher_training", "staff_teaching"}
LA_FIRST = [
    {
        "code": "ФОРТ-301",
        "title": "Специальное фортепиано",
        "credits": "6",
        "scheme": "ru",
        "recognised_as": "钢琴主科（6学分）",
    },
    {
        "code": "ИСТ-210",
        "title": "История русской музыки",
        "credits": "3",
        "scheme": "ru",
        "recognised_as": "俄罗斯音乐史（3学分）",
    },
]
LA_CHANGE = [
    *LA_FIRST,
    {
        "code": "КАМ-220",
        "title": "Камерный ансамбль",
        "credits": "2",
        "scheme": "ru",
        "recognised_as": "室内乐（2学分）",
    },
]


def _signed_texts(agreement) -> None:
    """The memorandum's Chinese and Russian texts as PDFs (generated: the seeds quote no text)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from amur.core.pdf import styles
    from amur.mobility.services import agreement_document_add

    for language, title in (("zh", agreement.title_zh), ("ru", agreement.title_ru)):
        if agreement.documents.filter(language=language).exists():
            continue
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4).build(
            [
                Paragraph(title, styles()["title"]),
                Paragraph(
                    "（示例文本）" if language == "zh" else "(Образец текста)", styles()["body"]
                ),
            ]
        )
        agreement_document_add(
            agreement=agreement,
            language=language,
            title=title,
            by=None,
            upload=SimpleUploadedFile(f"{language}.pdf", buffer.getvalue()),
        )


def _mobilities(hcm, spb, herzen, agreements) -> list:
    from amur.mobility.models import LearningAgreementVersion, Mobility

    users = get_user_model()
    by_slug = {
        o.slug: o
        for o in Organisation.objects.filter(slug__in={s[5] for s in STAYS} | {s[6] for s in STAYS})
    }
    under = {
        frozenset((a.owner.slug, p.slug)): a
        for a in agreements
        for p in a.partners.all()
        if p != a.owner
    }
    fields = {f.key: f for f in FieldOfExchange.objects.all()}
    stays = []
    for username, name, script, latin, nationality, sending, receiving, kind, start, end in STAYS:
        user, _ = users.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        person = person_ensure(
            name=name,
            script=script,
            name_latin=latin,
            nationality=nationality,
            listed=False,
            user=user,
        )
        mobility, _ = Mobility.objects.update_or_create(
            person=person,
            sending=by_slug[sending],
            receiving=by_slug[receiving],
            start=start,
            defaults={
                "kind": kind,
                "end": end,
                "funding": "China Scholarship Council"
                if nationality == "CN"
                else "Russian Government quota",
                "agreement": under.get(frozenset((sending, receiving))),
                "level": "teacher" if kind in STAFF_STAYS else "student",
                "field": fields.get(
                    "music" if "conservatory" in sending + receiving else "vocational-training"
                ),
            },
        )
        stays.append(mobility)
    _ewp_data(stays)
    # The first stay has an agreed first version and an open change signed by the student
    # and the sending office (EWP's changes-proposal), waiting for the receiving side.
    moment = datetime(2026, 11, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    first = stays[0]
    LearningAgreementVersion.objects.update_or_create(
        mobility=first,
        number=1,
        defaults={
            "components": LA_FIRST,
            "signed_by_student": moment,
            "signed_by_sending": moment,
            "approved_by_receiving": moment,
        },
    )
    LearningAgreementVersion.objects.update_or_create(
        mobility=first,
        number=2,
        defaults={
            "components": LA_CHANGE,
            "signed_by_student": moment,
            "signed_by_sending": moment,
        },
    )
    for stay in stays[1:3]:
        LearningAgreementVersion.objects.update_or_create(
            mobility=stay,
            number=1,
            defaults={
                "components": LA_FIRST,
                "signed_by_student": moment,
                "signed_by_sending": moment,
                "approved_by_receiving": moment,
            },
        )
    _credit_rules(hcm, spb, herzen)
    _transcript_and_recognition(stays[2])
    return stays


# International offices' contact persons, one per institution the stays join (illustrative
# names, e-mail addresses under the reserved example.org: the seeds name no one).
CONTACTS = {
    "harbin-conservatory": ("王晓梅", "han", "Wang Xiaomei", "CN"),
    "spb-conservatory": ("Орлова Наталья", "cyrillic", "Orlova Natalia", "RU"),
    "herzen-university": ("Белова Светлана", "cyrillic", "Belova Svetlana", "RU"),
    "heihe-university": ("刘建华", "han", "Liu Jianhua", "CN"),
    "harbin-vocational": ("赵丽", "han", "Zhao Li", "CN"),
    "khabarovsk-ied": ("Громова Ирина", "cyrillic", "Gromova Irina", "RU"),
}
# What EWP needs of each stay: (EQF level, ISCED-F field, language of the stay, CEFR level).
# The Herzen-Heihe summer course is short, purely physical and for an undergraduate: not an
# EWP student mobility; the teacher's training and teaching visit are staff mobility: these
# get their contacts only. The summer school is blended (BLENDED), the study tour doctoral.
EWP_DATA = {
    "demo-student-hcm": (6, "0215", "ru", "B1"),
    "demo-student-spb": (7, "0215", "zh", "A2"),
    "demo-student-hcm-2": (6, "0215", "ru", "B2"),
    "demo-student-hv": (5, "0114", "ru", "A2"),
    "demo-student-hcm-summer": (6, "0215", "ru", "A2"),
    "demo-doctoral-spb": (8, "0215", "zh", "B1"),
    "demo-student-hcm-graduate": (7, "0114", "ru", "B2"),
}
BLENDED = {"demo-student-hcm-summer"}


def _ewp_data(stays) -> None:
    from amur.directory.models import Affiliation

    contacts = {}
    for slug, (name, script, latin, nationality) in CONTACTS.items():
        organisation = Organisation.objects.get(slug=slug)
        person = person_ensure(
            name=name,
            script=script,
            name_latin=latin,
            nationality=nationality,
            listed=False,
            email=f"international.{slug}@example.org",
        )
        Affiliation.objects.get_or_create(
            person=person,
            organisation=organisation,
            defaults={
                "role_en": "International office",
                "role_ru": "Международный отдел",
                "role_zh": "国际交流处",
            },
        )
        contacts[organisation.pk] = person
    for stay, row in zip(stays, STAYS, strict=True):
        eqf, isced, language, level = EWP_DATA.get(row[0], (None, "", "", ""))
        stay.eqf_level, stay.isced_code = eqf, isced
        stay.language, stay.language_level = language, level
        stay.blended = row[0] in BLENDED
        stay.sending_contact = contacts[stay.sending_id]
        stay.receiving_contact = contacts[stay.receiving_id]
        stay.save()


def _credit_rules(hcm, spb, herzen) -> None:
    from amur.mobility.models import InstitutionCreditRule

    for org, system, hours, source in [
        (hcm, "cn", 16, "哈尔滨音乐学院本科培养方案：16学时折合1学分"),
        (spb, "ru", 36, "ФГОС ВО: 1 зачётная единица = 36 академических часов"),
        (herzen, "ru", 36, "ФГОС ВО: 1 зачётная единица = 36 академических часов"),
    ]:
        InstitutionCreditRule.objects.update_or_create(
            organisation=org,
            defaults={"system": system, "hours_per_credit": hours, "source": source},
        )


def _transcript_and_recognition(stay) -> None:
    """The finished Herzen semester: transcript issued, recognised at home in part."""
    from amur.mobility import services
    from amur.mobility.models import Recognition, RecognitionLine, Transcript, TranscriptEntry

    transcript, _ = Transcript.objects.update_or_create(
        mobility=stay, defaults={"issued_on": date(2026, 1, 30)}
    )
    for code, title, credits, grade, scale in [
        ("ФОРТ-301", "Специальное фортепиано", 6, "5", "ru"),
        ("ИСТ-210", "История русской музыки", 3, "зачёт", "passfail"),
    ]:
        TranscriptEntry.objects.update_or_create(
            transcript=transcript,
            code=code,
            defaults={
                "title": title,
                "credits": credits,
                "scheme": "ru",
                "grade": grade,
                "grade_scale": scale,
            },
        )
    home = services.credit_rule_for(stay.sending)
    recognition, _ = Recognition.objects.update_or_create(
        mobility=stay,
        defaults={
            "decision": "full",
            "home_scheme": home.system,
            "home_hours_per_credit": home.hours_per_credit,
            "decided_at": datetime(2026, 2, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
        },
    )
    for line in services.recognition_proposal(stay):
        RecognitionLine.objects.update_or_create(
            recognition=recognition,
            entry=line["entry"],
            defaults={
                "recognised": True,
                "recognised_as": line["recognised_as"],
                "home_credits": line["home_credits"],
                "home_grade": line["home_grade"],
            },
        )


# (code, Chinese, Russian, English, semester, hours, language, taught by Harbin?)
PLAN = [
    ("RU-101", "俄语（一）", "Русский язык I", "Russian language I", 1, 192, "ru", True),
    (
        "PF-101",
        "钢琴主科（一）",
        "Специальное фортепиано I",
        "Piano performance I",
        1,
        64,
        "zh",
        True,
    ),
    ("TH-110", "基本乐理", "Элементарная теория музыки", "Music theory", 1, 48, "zh", True),
    ("RU-102", "俄语（二）", "Русский язык II", "Russian language II", 2, 192, "ru", True),
    (
        "PF-102",
        "钢琴主科（二）",
        "Специальное фортепиано II",
        "Piano performance II",
        2,
        64,
        "zh",
        True,
    ),
    (
        "PF-301",
        "钢琴主科（三）",
        "Специальное фортепиано III",
        "Piano performance III",
        5,
        72,
        "ru",
        False,
    ),
    (
        "HM-310",
        "俄罗斯音乐史",
        "История русской музыки",
        "History of Russian music",
        5,
        108,
        "ru",
        False,
    ),
    ("CH-320", "室内乐", "Камерный ансамбль", "Chamber ensemble", 6, 72, "ru", False),
    (
        "PF-302",
        "钢琴主科（四）",
        "Специальное фортепиано IV",
        "Piano performance IV",
        6,
        72,
        "ru",
        False,
    ),
]
COHORT_2025 = [("李思琪", "Li Siqi"), ("王浩然", "Wang Haoran"), ("刘欣怡", "Liu Xinyi")]
COHORT_2026 = [("陈子涵", "Chen Zihan"), ("杨博文", "Yang Bowen")]


def _joint_programme(hcm, spb, agreement, music) -> None:
    """The conservatories' "Russian + piano" programme: two years in Harbin (Russian and the
    first piano courses), then a year in St. Petersburg, taught in Russian."""
    from amur.mobility.models import Cohort, Enrolment, JointProgramme, ProgrammeCourse

    programme, _ = JointProgramme.objects.update_or_create(
        owner=hcm,
        title_en="Joint programme in piano performance with Russian (2+1)",
        defaults={
            "kind": "language_profession",
            "agreement": agreement,
            "field": music,
            "eqf_level": 6,
            "title_zh": "钢琴表演中俄联合培养项目（俄语+专业，2+1）",
            "title_ru": "Совместная программа «Фортепиано с русским языком» (2+1)",
        },
    )
    programme.partners.set([hcm, spb])
    for code, zh, ru, en, semester, hours, language, harbin in PLAN:
        ProgrammeCourse.objects.update_or_create(
            programme=programme,
            code=code,
            defaults={
                "title_zh": zh,
                "title_ru": ru,
                "title_en": en,
                "semester": semester,
                "hours": hours,
                "language": language,
                "teacher": hcm if harbin else spb,
            },
        )
    for year, students in ((2025, COHORT_2025), (2026, COHORT_2026)):
        cohort, _ = Cohort.objects.update_or_create(programme=programme, intake_year=year, name="")
        for name, latin in students:
            person = person_ensure(
                name=name, script="han", name_latin=latin, nationality="CN", listed=False
            )
            Enrolment.objects.update_or_create(
                cohort=cohort,
                person=person,
                defaults={"home": hcm, "enrolled_on": date(year, 9, 1)},
            )


# Two agreements near their end, for the reports and the expiry reminders.
ENDING = [
    (
        "heihe-university",
        "herzen-university",
        "exchange",
        False,
        date(2022, 3, 1),
        date(2027, 2, 28),
        "Exchange agreement: Heihe University – Herzen University",
        "Соглашение об обмене: Хэйхэский университет – РГПУ им. А. И. Герцена",
        "黑河学院与赫尔岑师范大学交换协议",
    ),
    (
        "harbin-vocational",
        "khabarovsk-ied",
        "framework",
        True,
        date(2021, 12, 1),
        date(2026, 12, 31),
        "Framework agreement on vocational training: Harbin – Khabarovsk",
        "Рамочное соглашение о профессиональном обучении: Харбин – Хабаровск",
        "哈尔滨职业技术学院与哈巴罗夫斯克教育发展研究院职业培训框架协议",
    ),
]


# The vocational framework also sends trainees and staff for training (EWP's
# student-traineeship and staff-training conditions).
VOCATIONAL = {"trainees": 2, "trainee_months": 3, "training_staff": 2, "training_days": 10}


def _ending_agreements() -> list:
    found = []
    for owner, partner, kind, renews, start, end, en, ru, zh in ENDING:
        owner_org = Organisation.objects.get(slug=owner)
        partner_org = Organisation.objects.get(slug=partner)
        agreement, _ = Agreement.objects.update_or_create(
            owner=owner_org,
            title_en=en,
            defaults={
                "kind": kind,
                "title_ru": ru,
                "title_zh": zh,
                "signed_on": start,
                "valid_from": start,
                "valid_until": end,
                "auto_renewal": renews,
                "status": "active",
                "isced_codes": "0114",
            },
        )
        agreement.partners.set([owner_org, partner_org])
        for sending, receiving in ((owner_org, partner_org), (partner_org, owner_org)):
            for year in ("2024/2025", "2025/2026"):
                Condition.objects.update_or_create(
                    agreement=agreement,
                    sending=sending,
                    receiving=receiving,
                    academic_year=year,
                    defaults={
                        "students": 3,
                        "student_months": 3,
                        "staff": 1,
                        "staff_days": 14,
                        **(VOCATIONAL if kind == "framework" else {}),
                        "language": "ru" if sending == owner_org else "zh",
                        "language_level": "A2",
                        "isced_code": "0114",
                        "eqf_level": 5,
                    },
                )
        found.append(agreement)
    return found
