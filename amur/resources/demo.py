# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Resources demo: the vocational alliance's "Chinese language + vocational skills" course
packs of Harbin Vocational and Technical College (welding, logistics, tourism) in Chinese,
their Russian versions in three states (published, in translation as a talent task,
missing); the Harbin conservatory's joint teaching plan with St Petersburg; case studies
of seed events; adoptions and ratings by partner institutions; and a termbase of approved
Chinese–Russian–English terms for welding, logistics, tourism, music and library work
(``data/termbase_demo.csv``, loaded through the termbase's CSV import).

Everything goes through the services. A resource is found by its owner and English title
and left alone once it exists, so a second run changes nothing. The files are small PDFs
typeset here (``documents.text_pdf``); none is stored in the repository.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.contrib.auth import get_user_model

from amur.alliances.models import Alliance
from amur.core.exports import csv_writer
from amur.core.models import FieldOfExchange
from amur.directory.models import Organisation
from amur.events.models import Event
from amur.resources import services, termbase
from amur.resources.documents import text_pdf_upload
from amur.resources.models import Adoption, Concept, Rating, Resource

TERMBASE = Path(__file__).resolve().parent / "data" / "termbase_demo.csv"

# Who approved the demo termbase's concepts, by the entry's prefix: the owning
# organisation, the expert named in the approval, the subject noted on the concept.
TERMBASE_OWNERS = {
    "weld": ("harbin-vocational", "Волков Дмитрий Андреевич", "welding"),
    "logi": ("harbin-vocational", "赵雨桐", "logistics"),
    "tour": ("harbin-vocational", "刘洋", "tourism"),
    "mus": ("harbin-conservatory", "陈思远", "music"),
    "lib": ("hl-library", "李明", "library work"),
}
APPROVED_ON = "2026-10-15"

# The partner institutions' teachers who adopt and rate (demo accounts).
TEACHERS = {
    "khabarovsk-ied": ("demo-teacher-khabarovsk", "ru"),
    "heihe-university": ("demo-teacher-heihe", "zh-hans"),
    "spb-conservatory": ("demo-teacher-spb", "ru"),
}

WELDING_UNITS_ZH = """第一单元 焊接安全与劳动保护：焊接面罩、防护服、通风。

第二单元 焊条电弧焊：焊条的选择，焊接电流与电弧电压的调节。

第三单元 焊接接头与坡口：对接接头、角接接头、T形接头；角焊缝。

第四单元 焊接缺陷：气孔、裂纹、未焊透、咬边、夹渣及其预防。

第五单元 熔化极气体保护焊与二氧化碳气体保护焊。

每单元附汉语词汇表与情景对话（车间、质检、交接班）。"""

WELDING_UNIT6_ZH = """第六单元 钨极惰性气体保护焊：不锈钢与铝合金的焊接。"""

WELDING_UNITS_RU = """Раздел 1. Безопасность при сварке и охрана труда: сварочная маска, спецодежда, вентиляция.

Раздел 2. Ручная дуговая сварка покрытыми электродами: выбор электрода, настройка сварочного тока и напряжения дуги.

Раздел 3. Сварные соединения и разделка кромок: стыковое, угловое и тавровое соединения; угловой шов.

Раздел 4. Дефекты сварки: поры, трещины, непровар, подрез, шлаковые включения и их предупреждение.

Раздел 5. Сварка плавящимся электродом в защитном газе и в углекислом газе.

Раздел 6. Сварка неплавящимся электродом в инертном газе: нержавеющая сталь и алюминиевые сплавы.

К каждому разделу — словарь китайских терминов и диалоги (цех, контроль качества, пересменка)."""

LOGISTICS_UNITS_ZH = """第一单元 物流与供应链基础。

第二单元 仓储作业：入库、拣选、出库与盘点；仓储管理系统。

第三单元 运输与多式联运：铁路运输、公路运输与中欧班列。

第四单元 口岸与海关：报关、报关单与清关；保税仓库。

第五单元 单证：运单、提单与国际贸易术语解释通则。

每单元附中俄对照词汇与口岸情景对话。"""

TOURISM_UNITS_ZH = """第一单元 接待俄罗斯游客：问候、介绍行程与景点。

第二单元 酒店前台：预订、入住登记、退房与投诉处理。

第三单元 导游词写作与讲解：哈尔滨中央大街、圣索菲亚教堂、太阳岛。

第四单元 边境旅游与免签：护照、签证与口岸通关。

第五单元 冰雪旅游旺季的服务与安全。"""

PLAN_ZH = """一、培养目标：培养具有中俄两国钢琴表演与教学能力的专业人才。

二、课程设置：钢琴演奏（主课）、室内乐、视唱练耳、和声、复调、曲式分析、俄罗斯钢琴学派史、俄语。

三、联合培养方式：前两年在哈尔滨音乐学院学习，第三年赴圣彼得堡音乐学院学习，第四年回国完成毕业独奏音乐会。

四、学分互认：按双方学分对照表互认课程与学分。

五、大师班：每学年由圣彼得堡音乐学院教授在哈举办两次大师班。"""

PLAN_RU = """1. Цель: подготовка пианистов-исполнителей и педагогов, владеющих традициями обеих стран.

2. Дисциплины: специальное фортепиано, камерный ансамбль, сольфеджио, гармония, полифония, анализ музыкальных форм, история русской фортепианной школы, русский язык.

3. Совместное обучение: первые два года — в Харбинской консерватории, третий год — в Санкт-Петербургской консерватории, четвёртый год — дома, с выпускным сольным концертом.

4. Взаимное признание: дисциплины и зачётные единицы признаются по согласованной таблице соответствия.

5. Мастер-классы: дважды в учебный год профессора Санкт-Петербургской консерватории проводят мастер-классы в Харбине."""


def _users() -> dict[str, object]:
    """The partner teachers' accounts, members of their institutions."""
    from amur.accounts.models import OrganisationRole, Profile

    users = get_user_model()
    teachers = {}
    for slug, (username, language) in TEACHERS.items():
        user, _created = users.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        Profile.objects.get_or_create(user=user, defaults={"language": language})
        OrganisationRole.objects.get_or_create(
            user=user, organisation=Organisation.objects.get(slug=slug), role="member"
        )
        teachers[slug] = user
    return teachers


def _pdf(title: str, text: str, credit: str = ""):
    return text_pdf_upload(title=title, text=text, credit=credit)


def _resource(owner: Organisation, title_en: str, **data) -> tuple[Resource, bool]:
    """The owner's resource of that English title, created as a draft if missing."""
    existing = Resource.objects.filter(organisation=owner, title_en=title_en).first()
    if existing is not None:
        return existing, False
    partners = data.pop("partners", ())
    return (
        services.resource_create(
            organisation=owner, by=None, title_en=title_en, partners=partners, **data
        ),
        True,
    )


def _version(resource, language, title, text, *, credit="", translated_from=None, note=""):
    """A published language version with its first file."""
    version = services.version_add(
        resource=resource,
        language=language,
        title=title,
        by=None,
        translated_from=translated_from,
        translator=credit,
    )
    services.revision_add(version=version, by=None, upload=_pdf(title, text, credit), note=note)
    return version


def _course_packs(fields, alliance) -> list[Resource]:
    owner = Organisation.objects.get(slug="harbin-vocational")
    shared = {
        "kind": "course_pack",
        "original_language": "zh",
        "level_cn": "cn-gaozhi",
        "roles": ["student", "teacher"],
        "audience": "alliance",
        "alliance": alliance,
        "attribution": "哈尔滨职业技术学院 Harbin Vocational and Technical College",
    }
    packs = []
    welding, created = _resource(
        owner,
        "Chinese language + vocational skills: welding",
        title_zh="汉语＋职业技能课程包：焊接",
        title_ru="Китайский язык + профессиональные навыки: сварка",
        description_zh="面向俄罗斯学员的焊接专业汉语课程包：六个单元，附词汇表与车间情景对话。",
        description_ru="Курс китайского языка для сварщиков: шесть разделов, словарь и диалоги "
        "в цеху.",
        description_en="Chinese for welding students from Russia: six units with a glossary "
        "and workshop dialogues.",
        field=fields["vocational-training"],
        isced_code="0715",
        learning_minutes=2880,
        keywords="焊接; сварка; welding; 汉语; китайский язык",
        licence="cc-by-sa",
        **shared,
    )
    if created:
        chinese = _version(
            welding, "zh", "汉语＋职业技能课程包：焊接", WELDING_UNITS_ZH, note="第一版"
        )
        services.revision_add(
            version=chinese,
            by=None,
            upload=_pdf("汉语＋职业技能课程包：焊接", f"{WELDING_UNITS_ZH}\n\n{WELDING_UNIT6_ZH}"),
            note="增加第六单元：钨极惰性气体保护焊",
        )
        _version(
            welding,
            "ru",
            "Китайский язык + профессиональные навыки: сварка",
            WELDING_UNITS_RU,
            credit="李明",
            translated_from=chinese,
        )
        welding = services.resource_publish(resource=welding, by=None)
    packs.append(welding)

    logistics, created = _resource(
        owner,
        "Chinese language + vocational skills: logistics",
        title_zh="汉语＋职业技能课程包：物流",
        description_zh="面向跨境物流专业的汉语课程包：仓储、运输、口岸与报关。",
        description_en="Chinese for cross-border logistics: warehousing, transport, border "
        "crossings and customs.",
        field=fields["vocational-training"],
        isced_code="1041",
        learning_minutes=2160,
        keywords="物流; логистика; logistics; 报关; таможня",
        licence="cc-by-nc-sa",
        **shared,
    )
    if created:
        chinese = _version(logistics, "zh", "汉语＋职业技能课程包：物流", LOGISTICS_UNITS_ZH)
        logistics = services.resource_publish(resource=logistics, by=None)
        # Khabarovsk asks for it in Russian: the proposal becomes a talent translation task.
        services.translation_propose(
            resource=logistics,
            organisation=Organisation.objects.get(slug="khabarovsk-ied"),
            language="ru",
            source=chinese,
            by=None,
            note="Для курсов повышения квалификации преподавателей логистики.",
        )
    packs.append(logistics)

    tourism, created = _resource(
        owner,
        "Chinese language + vocational skills: tourism",
        title_zh="汉语＋职业技能课程包：旅游服务",
        description_zh="面向旅游服务专业的汉语课程包：接待俄罗斯游客、酒店前台与导游讲解。",
        description_en="Chinese for tourism services: receiving Russian visitors, the hotel "
        "front desk, guiding.",
        field=fields["tourism"],
        isced_code="1015",
        learning_minutes=1920,
        keywords="旅游; туризм; tourism; 导游; гид",
        licence="cc-by",
        **shared,
    )
    if created:
        # No Russian version yet: the pack is only in Chinese.
        _version(tourism, "zh", "汉语＋职业技能课程包：旅游服务", TOURISM_UNITS_ZH)
        tourism = services.resource_publish(resource=tourism, by=None)
    packs.append(tourism)
    return packs


def _teaching_plan(fields) -> Resource:
    owner = Organisation.objects.get(slug="harbin-conservatory")
    spb = Organisation.objects.get(slug="spb-conservatory")
    plan, created = _resource(
        owner,
        "Joint teaching plan: piano performance (Harbin – St Petersburg, 2 + 1 + 1)",
        kind="teaching_plan",
        title_zh="钢琴表演专业中俄联合培养教学计划（2＋1＋1）",
        title_ru="Совместный учебный план: фортепиано (Харбин — Санкт-Петербург, 2 + 1 + 1)",
        description_zh="哈尔滨音乐学院与圣彼得堡音乐学院共同制定的钢琴表演专业本科联合培养教学计划。",
        description_ru="Учебный план совместной подготовки пианистов, составленный Харбинской "
        "и Санкт-Петербургской консерваториями.",
        description_en="The bachelor's plan for piano performance that the Harbin and "
        "St Petersburg conservatories drew up together.",
        original_language="zh",
        field=fields["music"],
        isced_code="0215",
        level_cn="cn-benke",
        level_ru="ru-bakalavriat",
        roles=["teacher"],
        licence="own-terms",
        licence_terms="Для совместной программы двух консерваторий; иное использование — по "
        "согласованию с ними. 仅供两院联合培养项目使用。",
        attribution="哈尔滨音乐学院、圣彼得堡音乐学院",
        audience="partners",
        partners=[spb],
    )
    if created:
        chinese = _version(plan, "zh", "钢琴表演专业中俄联合培养教学计划（2＋1＋1）", PLAN_ZH)
        _version(
            plan,
            "ru",
            "Совместный учебный план: фортепиано (2 + 1 + 1)",
            PLAN_RU,
            credit="Соколова Анна Викторовна",
            translated_from=chinese,
        )
        plan = services.resource_publish(resource=plan, by=None)
    return plan


# Case studies of seed events: (event slug, owner, field, ISCED-F, languages, text in
# Chinese, and the Russian or English version with its translator).
CASE_STUDIES = [
    (
        "vocational-alliance-inauguration-2023",
        "harbin-vocational",
        "education",
        "0111",
        "联盟成立大会筹备与成员单位合作机制的经验总结：章程起草、成员招募、资源共享平台。",
        (
            "ru",
            "Опыт подготовки учредительного собрания альянса и механизмы сотрудничества "
            "его участников: устав, приём членов, платформа обмена ресурсами.",
            "Козлова Мария Игоревна",
        ),
    ),
    (
        "wfimc-master-classes-2023",
        "harbin-conservatory",
        "music",
        "0215",
        "国际音乐比赛世界联合会大师班在哈尔滨举办的组织经验：曲目遴选、学员选拔与同声传译。",
        (
            "en",
            "Organising the WFIMC master classes in Harbin: repertoire, selection of "
            "participants and interpretation.",
            "Морозов Илья Петрович",
        ),
    ),
    (
        "jixi-culture-week-2004",
        "hl-culture-tourism",
        "folk-heritage",
        "0314",
        "鸡西中俄文化交流周（2004年）回顾：边境城市民间文化交流的早期实践。",
        None,
    ),
]


def _case_studies(fields) -> list[Resource]:
    studies = []
    for slug, owner_slug, field, isced, text_zh, other in CASE_STUDIES:
        event = Event.objects.get(slug=slug)
        titles = {
            "title_zh": f"案例研究：{event.title_zh}",
            "title_ru": f"Кейс: {event.title_ru}" if other and other[0] == "ru" else "",
        }
        study, created = _resource(
            Organisation.objects.get(slug=owner_slug),
            f"Case study: {event.title_en}",
            kind="case_study",
            description_zh=text_zh,
            original_language="zh",
            field=fields[field],
            isced_code=isced,
            roles=["researcher", "teacher"],
            keywords=slug,
            licence="cc-by",
            audience="public",
            **titles,
        )
        if created:
            chinese = _version(study, "zh", titles["title_zh"], text_zh)
            if other is not None:
                language, text, translator = other
                title = titles["title_ru"] if language == "ru" else study.title_en
                _version(study, language, title, text, credit=translator, translated_from=chinese)
            study = services.resource_publish(resource=study, by=None)
        studies.append(study)
    return studies


def _adoptions_and_ratings(packs, plan, studies, teachers) -> None:
    welding, logistics, tourism = packs
    uses = [
        (
            welding,
            "khabarovsk-ied",
            "Используем в курсах повышения квалификации мастеров производственного обучения.",
        ),
        (welding, "heihe-university", "用于第二学期焊接专业汉语课。"),
        (logistics, "heihe-university", "用于口岸物流方向选修课。"),
        (plan, "spb-conservatory", "План совместной программы на 2027/28 учебный год."),
    ]
    for resource, slug, note in uses:
        organisation = Organisation.objects.get(slug=slug)
        if not Adoption.objects.filter(resource=resource, organisation=organisation).exists():
            services.adoption_record(
                resource=resource, organisation=organisation, by=teachers[slug], note=note
            )
    ratings = [
        (welding, "khabarovsk-ied", 5, "Хорошо выстроенные диалоги в цеху."),
        (welding, "heihe-university", 4, "词汇表很实用。"),
        (logistics, "heihe-university", 4, ""),
        (tourism, "khabarovsk-ied", 4, "Ждём русскую версию."),
        (plan, "spb-conservatory", 5, ""),
        (studies[0], "khabarovsk-ied", 5, ""),
    ]
    for resource, slug, stars, comment in ratings:
        if not Rating.objects.filter(resource=resource, user=teachers[slug]).exists():
            services.rating_set(
                resource=resource, user=teachers[slug], stars=stars, comment=comment
            )


def _termbase_csv(rows: list[dict]) -> bytes:
    """The demo's compact table (a row per concept) as the import's CSV (a row per term)."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(termbase.CSV_COLUMNS)
    for row in rows:
        _owner, expert, subject = TERMBASE_OWNERS[row["entry_id"].split("-")[0]]
        for language in ("zh", "ru", "en"):
            writer.writerow(
                [
                    row["entry_id"],
                    row["field"],
                    "approved",
                    expert,
                    APPROVED_ON,
                    "",
                    subject,
                    language,
                    row[language],
                    row["part_of_speech"],
                    "preferredTerm-admn-sts",
                    row["definition_en"] if language == "en" else "",
                ]
            )
    return out.getvalue().encode("utf-8")


def _termbase() -> int:
    """Import the demo termbase, each organisation's part in one all-or-nothing import;
    once every concept is there, nothing is imported again."""
    with TERMBASE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if Concept.objects.filter(entry_id__in=[r["entry_id"] for r in rows]).count() == len(rows):
        return 0
    by_owner: dict[str, list[dict]] = {}
    for row in rows:
        by_owner.setdefault(TERMBASE_OWNERS[row["entry_id"].split("-")[0]][0], []).append(row)
    for slug, owned in by_owner.items():
        termbase.termbase_import_csv(
            organisation=Organisation.objects.get(slug=slug),
            data=_termbase_csv(owned),
            by=None,
            may_approve=True,
        )
    return len(rows)


def load(*, scale: int, log) -> None:
    fields = {f.key: f for f in FieldOfExchange.objects.all()}
    alliance = Alliance.objects.get(slug="srvea")
    teachers = _users()
    packs = _course_packs(fields, alliance)
    plan = _teaching_plan(fields)
    studies = _case_studies(fields)
    _adoptions_and_ratings(packs, plan, studies, teachers)
    imported = _termbase()
    log(
        f"  {Resource.objects.count()} resources, {Adoption.objects.count()} adoptions; "
        f"termbase: {Concept.objects.count()} concepts ({imported} imported now)"
    )
