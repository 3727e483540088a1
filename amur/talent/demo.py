# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Talent demo: the shared skills vocabulary, a pool of Chinese and Russian professionals
and students with plausible credentials, the conservatory's need for about 20 Russian
experts with 8 in post, alliance members' teaching needs, interpreting tasks of events
with interpretation, translation tasks for demo content that lacks a language, and two
training offers.  ``--scale N`` adds 200 × N deterministic synthetic profiles.

The skills vocabulary, with its ESCO URIs, is ``amur.talent.vocabulary``.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from amur.core.models import FieldOfExchange, Place
from amur.core.names import person_forms
from amur.directory.models import Organisation, Person
from amur.directory.services import person_ensure, person_search_keys
from amur.talent import levels, services
from amur.talent.models import LanguageCredential, Need, Profile, Skill, Task, TrainingOffer

# name, script, latin, visibility, place, headline (zh, ru, en), credentials, skills, fields
POOL = [
    (
        "Соколова Анна Викторовна",
        "cyrillic",
        "Sokolova Anna",
        "public",
        "saint-petersburg",
        (
            "钢琴教师，圣彼得堡音乐学院毕业",
            "преподаватель фортепиано, выпускница СПбГК",
            "Piano teacher, St Petersburg Conservatory graduate",
        ),
        [("ru", "native", "native"), ("zh", "hsk3", "5"), ("en", "cefr", "B2")],
        ["piano-performance"],
        ["music"],
    ),
    (
        "Морозов Илья Петрович",
        "cyrillic",
        "Morozov Ilya",
        "public",
        "moscow",
        ("乐队指挥", "дирижёр симфонического оркестра", "Symphony orchestra conductor"),
        [("ru", "native", "native"), ("zh", "hsk2", "3"), ("en", "cefr", "C1")],
        ["orchestra-conducting", "string-pedagogy"],
        ["music"],
    ),
    (
        "Лебедева Ольга Сергеевна",
        "cyrillic",
        "Lebedeva Olga",
        "members",
        "khabarovsk",
        ("声乐教师", "педагог по вокалу", "Vocal teacher"),
        [("ru", "native", "native"), ("zh", "hsk2", "4")],
        ["vocal-pedagogy"],
        ["music"],
    ),
    (
        "Волков Дмитрий Андреевич",
        "cyrillic",
        "Volkov Dmitry",
        "public",
        "vladivostok",
        (
            "焊接技师与职业培训讲师",
            "сварщик-инструктор профессионального обучения",
            "Welding instructor",
        ),
        [("ru", "native", "native"), ("zh", "hsk3", "4")],
        ["welding", "curriculum-design"],
        ["vocational-training"],
    ),
    (
        "Козлова Мария Игоревна",
        "cyrillic",
        "Kozlova Maria",
        "public",
        "blagoveshchensk",
        (
            "俄汉口译（交替传译）",
            "переводчик китайского языка (последовательный)",
            "Chinese–Russian consecutive interpreter",
        ),
        [("ru", "native", "native"), ("zh", "catti", "2", "interpreting"), ("zh", "hsk2", "6")],
        ["interpreting", "tourism-guiding"],
        ["language", "tourism"],
    ),
    (
        "王丽娜",
        "han",
        "Wang Lina",
        "public",
        "harbin",
        (
            "中俄同声传译",
            "синхронный переводчик китайского и русского",
            "Chinese–Russian simultaneous interpreter",
        ),
        [
            ("zh", "native", "native"),
            ("ru", "catti", "1", "interpreting"),
            ("ru", "torfl", "TORFL-4"),
        ],
        ["interpreting"],
        ["language"],
    ),
    (
        "陈思远",
        "han",
        "Chen Siyuan",
        "public",
        "harbin",
        (
            "俄语笔译，专注文化与音乐文本",
            "письменный переводчик русского, культура и музыка",
            "Russian translator, culture and music texts",
        ),
        [("zh", "native", "native"), ("ru", "catti", "2", "translation"), ("ru", "crt", "TFR-8")],
        ["translation"],
        ["language", "music"],
    ),
    (
        "赵雨桐",
        "han",
        "Zhao Yutong",
        "members",
        "heihe",
        (
            "对俄物流与报关",
            "логистика и таможня на российском направлении",
            "Logistics and customs for Russia",
        ),
        [("zh", "native", "native"), ("ru", "torfl", "TORFL-2")],
        ["logistics", "customs-brokerage"],
        ["trade"],
    ),
    (
        "刘洋",
        "han",
        "Liu Yang",
        "public",
        "suifenhe",
        ("导游（俄语）", "гид-переводчик (русский язык)", "Russian-speaking tour guide"),
        [("zh", "native", "native"), ("ru", "crt", "TFR-4"), ("ru", "self", "B2", "speaking")],
        ["tourism-guiding", "interpreting"],
        ["tourism"],
    ),
    (
        "张伟",
        "han",
        "Zhang Wei",
        "public",
        "harbin",
        (
            "汉语教师，职业院校",
            "преподаватель китайского языка в колледже",
            "Chinese teacher at a vocational college",
        ),
        [("zh", "native", "native"), ("ru", "torfl", "TORFL-1")],
        ["language-teaching", "welding"],
        ["education", "vocational-training"],
    ),
    (
        "Петрова Светлана Олеговна",
        "cyrillic",
        "Petrova Svetlana",
        "hidden",
        "irkutsk",
        ("汉语教师", "преподаватель китайского языка", "Chinese teacher"),
        [("ru", "native", "native"), ("zh", "hsk3", "7")],
        ["language-teaching"],
        ["education"],
    ),
    (
        "李明",
        "han",
        "Li Ming",
        "public",
        "harbin",
        (
            "俄语笔译与审校",
            "письменный переводчик и редактор русского языка",
            "Russian translator and reviser",
        ),
        [
            ("zh", "native", "native"),
            ("ru", "catti", "senior", "translation"),
            ("ru", "torfl", "TORFL-3"),
        ],
        ["translation"],
        ["language", "law"],
    ),
]

TEACHING_NEEDS = [
    (
        "harbin-vocational",
        "teaching",
        "汉语＋焊接双语教师",
        "преподаватели сварки с китайским языком",
        "Bilingual welding teachers (Chinese + welding)",
        4,
        1,
        "vocational-training",
        [
            {"language": "zh", "min_level": "C1"},
            {"language": "ru", "min_level": "B1", "required": False},
        ],
        ["welding"],
        ["curriculum-design"],
    ),
    (
        "harbin-vocational",
        "teaching",
        "俄语物流讲师",
        "преподаватели логистики на русском языке",
        "Russian-speaking logistics instructors",
        2,
        0,
        "trade",
        [{"language": "ru", "min_level": "B2"}],
        ["logistics"],
        ["customs-brokerage"],
    ),
    (
        "rccc",
        "teaching",
        "对外汉语教师（国际教师队伍）",
        "преподаватели китайского как иностранного",
        "Teachers of Chinese as a foreign language (international staff)",
        6,
        2,
        "education",
        [{"language": "zh", "min_level": "C1"}, {"language": "ru", "min_level": "B2"}],
        ["language-teaching"],
        [],
    ),
]


def _skills() -> dict[str, Skill]:
    return services.skills_sync()


def _profile(person, *, visibility, place, headline, credentials, skills, fields, **extra):
    for language, scheme, level, *rest in credentials:
        services.credential_add(
            person=person,
            language=language,
            scheme=scheme,
            level=level,
            skill=rest[0] if rest else "overall",
        )
    zh, ru, en = headline
    return services.profile_save(
        person=person,
        by=None,
        fields=fields,
        skills=skills,
        visibility=visibility,
        place=place,
        headline_zh=zh,
        headline_ru=ru,
        headline_en=en,
        **extra,
    )


def _pool(skills, places, fields) -> None:
    for name, script, latin, visibility, place, headline, credentials, keys, field_keys in POOL:
        person = person_ensure(name=name, script=script, name_latin=latin)
        _profile(
            person,
            visibility=visibility,
            place=places.get(place),
            headline=headline,
            credentials=credentials,
            skills=[skills[k] for k in keys],
            fields=[fields[k] for k in field_keys if k in fields],
            experience_years=8 if script == "cyrillic" else 6,
            willing_to_travel=True,
        )


def _conservatory_need(skills, fields) -> Need:
    from amur.mobility.models import ExpertEngagement

    hcm = Organisation.objects.get(slug="harbin-conservatory")
    in_post = ExpertEngagement.objects.filter(host=hcm).count()
    need = Need.objects.filter(organisation=hcm, title_en__startswith="About 20 Russian").first()
    if need is None:
        need = services.need_create(
            organisation=hcm,
            by=None,
            kind="expert",
            title_zh="约20名俄罗斯专家：钢琴、管弦乐与声乐教学",
            title_ru="Около 20 российских экспертов: фортепиано, оркестр, вокальная педагогика",
            title_en="About 20 Russian experts for piano, orchestra and vocal pedagogy",
            description_en="The conservatory grows its Russian faculty from the experts in post "
            "to about twenty by 2027.",
            headcount=20,
            in_post=in_post,
            field=fields.get("music"),
            place=hcm.place,
            start=date(2027, 9, 1),
            requirements=[
                {"language": "ru", "min_level": "C2"},
                {"language": "zh", "min_level": "A2", "required": False},
                {"language": "en", "min_level": "B1", "required": False},
            ],
            preferred_skills=[
                skills["piano-performance"],
                skills["orchestra-conducting"],
                skills["vocal-pedagogy"],
                skills["string-pedagogy"],
            ],
        )
    for name in ("Соколова Анна Викторовна", "Морозов Илья Петрович"):
        profile = Profile.objects.filter(person__name=name).first()
        if profile and not need.candidates.filter(profile=profile).exists():
            services.candidate_shortlist(need=need, profile=profile, by=None)
    return need


def _teaching_needs(skills, fields) -> None:
    for (
        slug,
        kind,
        zh,
        ru,
        en,
        headcount,
        in_post,
        field,
        requirements,
        required,
        preferred,
    ) in TEACHING_NEEDS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if (
            organisation is None
            or Need.objects.filter(organisation=organisation, title_en=en).exists()
        ):
            continue
        services.need_create(
            organisation=organisation,
            by=None,
            kind=kind,
            title_zh=zh,
            title_ru=ru,
            title_en=en,
            headcount=headcount,
            in_post=in_post,
            field=fields.get(field),
            place=organisation.place,
            requirements=requirements,
            required_skills=[skills[k] for k in required],
            preferred_skills=[skills[k] for k in preferred],
        )


def _event_tasks() -> None:
    from amur.events.models import Event

    for event in Event.objects.filter(interpretation=True).exclude(slug__startswith="synthetic-"):
        host = event.organisers.through.objects.filter(event=event, role="host").first()
        if host is None or Task.objects.filter(event=event).exists():
            continue
        day = event.start.date()
        for kind, source, target in (("simultaneous", "zh", "ru"), ("consecutive", "ru", "zh")):
            services.task_create(
                organisation=host.organisation,
                by=None,
                kind=kind,
                source_language=source,
                target_language=target,
                event=event,
                start=day,
                end=event.end.date(),
                place=event.place,
                volume=6,
                volume_unit="hours",
                title_en=f"{event.title_en or event.slug}: {kind} interpreting {source}→{target}",
                requirements=[
                    {"language": source, "min_level": "C1", "skill": "interpreting"},
                    {"language": target, "min_level": "C1"},
                ],
            )


def _training() -> None:
    offers = [
        (
            "harbin-vocational",
            "zh",
            "hsk3",
            "4",
            12,
            "welding",
            "汉语＋焊接（中俄班）",
            "Китайский язык + сварка",
            "Chinese language + welding",
            datetime(2027, 3, 1, 9),
        ),
        (
            "harbin-conservatory",
            "ru",
            "torfl",
            "TBU",
            15,
            None,
            "音乐学院教职工俄语课",
            "Русский язык для сотрудников консерватории",
            "Russian for conservatory staff",
            datetime(2027, 9, 6, 14),
        ),
    ]
    for slug, language, scheme, level, seats, skill, zh, ru, en, start in offers:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None or TrainingOffer.objects.filter(event__title_en=en).exists():
            continue
        start = start.replace(tzinfo=ZoneInfo("Asia/Shanghai"))
        services.training_create(
            organisation=organisation,
            by=None,
            language=language,
            award_scheme=scheme,
            award_level=level,
            start=start,
            end=start + timedelta(days=90),
            seats=seats,
            skill=Skill.objects.filter(key=skill).first() if skill else None,
            timezone_name="Asia/Shanghai",
            title_zh=zh,
            title_ru=ru,
            title_en=en,
        )


# Given names of the synthetic pool only: other demos find their people by name, and a
# synthetic namesake must never be taken for one of them.
CN_GIVEN_TALENT = [
    "晓峰",
    "雅琴",
    "国栋",
    "婉清",
    "俊熙",
    "梦瑶",
    "家豪",
    "欣怡",
    "宇轩",
    "诗涵",
    "振宇",
    "若曦",
    "浩然",
    "佳琪",
    "子墨",
]


def _synthetic(scale: int, skills: dict, places: dict) -> None:
    """200 × scale profiles; deterministic, created once (found by their e-mail)."""
    from amur.directory.demo import CN_SURNAMES, RU_FEMALE, RU_MALE, RU_SURNAMES

    rng = random.Random(f"talent-{scale}")
    count = 200 * scale
    prefix = f"talent-{scale}-"
    existing = set(Person.objects.filter(email__startswith=prefix).values_list("email", flat=True))
    cn_places = [p for k, p in places.items() if p.country_code == "CN" and p.kind == "city"]
    ru_places = [p for k, p in places.items() if p.country_code == "RU" and p.kind == "city"]
    skill_list = list(skills.values())
    ladders = {
        "ru": [
            ("torfl", "TORFL-1"),
            ("torfl", "TORFL-2"),
            ("torfl", "TORFL-3"),
            ("crt", "TFR-4"),
            ("crt", "TFR-8"),
            ("catti", "2"),
        ],
        "zh": [
            ("hsk2", "3"),
            ("hsk2", "4"),
            ("hsk2", "5"),
            ("hsk2", "6"),
            ("hsk3", "5"),
            ("hsk3", "7"),
            ("hsk3", "9"),
        ],
    }
    rows = []
    for n in range(count):
        chinese = rng.random() < 0.55
        if chinese:
            name = rng.choice(CN_SURNAMES) + rng.choice(CN_GIVEN_TALENT)
            script, native, foreign, place = "han", "zh", "ru", rng.choice(cn_places)
        else:
            female = rng.random() < 0.5
            surname = rng.choice(RU_SURNAMES) + ("а" if female else "")
            name = f"{surname} {rng.choice(RU_FEMALE if female else RU_MALE)}"
            script, native, foreign, place = "cyrillic", "ru", "zh", rng.choice(ru_places)
        student = rng.random() < 0.35
        picks = rng.sample(skill_list, k=rng.randint(0 if student else 1, 3))
        scheme, level = rng.choice(ladders[foreign][: 3 if student else None])
        credential_skill = "translation" if scheme == "catti" else "overall"
        english = rng.random() < 0.4
        email = f"{prefix}{n}@example.org"
        if email in existing:
            continue
        visibility = rng.choice(["public", "public", "members", "members", "hidden"])
        credentials = [
            (native, "native", "native", "overall"),
            (foreign, scheme, level, credential_skill),
        ]
        if english:
            credentials.append(("en", "cefr", rng.choice(["A2", "B1", "B2", "C1"]), "overall"))
        rows.append(
            {
                "person": Person(name=name, script=script, email=email),
                "profile": Profile(
                    visibility=visibility,
                    place=place,
                    headline_zh="学生" if student else "专业人员",
                    headline_ru="студент" if student else "специалист",
                    headline_en="Student" if student else "Professional",
                    experience_years=0 if student else rng.randint(1, 30),
                    willing_to_travel=rng.random() < 0.5,
                ),
                "credentials": credentials,
                "skills": picks,
            }
        )
    _synthetic_write(rows)


def _synthetic_write(rows: list[dict]) -> None:
    """Write the synthetic profiles in bulk (one by one through the services took minutes
    at ``--scale 50``): people, profiles, credentials with their comparable levels, skills
    and fields; each new profile points at the earliest profile whose person shares a name
    form with its own, as ``profile_save`` would have found it."""
    if not rows:
        return
    people = [row["person"] for row in rows]
    for person in people:
        person.search_keys = person_search_keys(person)
    Person.objects.bulk_create(people, batch_size=500)
    # name form → the profiles whose person has it, in order of creation
    with_form: dict[str, list[Profile]] = {}
    for profile in Profile.objects.select_related("person").order_by("id"):
        for form in person_forms(profile.person):
            with_form.setdefault(form, []).append(profile)
    profiles = []
    for row in rows:
        profile, person = row["profile"], row["person"]
        profile.person = person
        profile.search_keys = services.profile_search_keys(person, profile)
        profiles.append(profile)
    Profile.objects.bulk_create(profiles, batch_size=500)
    # A synthetic pool repeats a few hundred names: each name's probes are worked out once.
    probes_of: dict[tuple, tuple[set[str], set[str]]] = {}
    for row in rows:
        profile, person = row["profile"], row["person"]
        names = (person.name, person.name_latin, person.name_zh, person.name_ru)
        if names not in probes_of:
            probes_of[names] = services.duplicate_probes(person)
        own, probes = probes_of[names]
        candidates = {other.pk: other for form in own for other in with_form.get(form, ())}
        profile.duplicate_of_id = next(
            (
                pk
                for pk in sorted(candidates)
                if any(probe in candidates[pk].search_keys for probe in probes)
            ),
            None,
        )
        for form in own:
            with_form.setdefault(form, []).append(profile)
    Profile.objects.bulk_update(
        [row["profile"] for row in rows if row["profile"].duplicate_of_id],
        ["duplicate_of"],
        batch_size=500,
    )
    credentials = []
    for row in rows:
        for language, scheme, level, skill in row["credentials"]:
            official, teachers = levels.both(scheme, level)
            credentials.append(
                LanguageCredential(
                    person=row["person"],
                    language=language,
                    scheme=scheme,
                    level=level,
                    skill=skill,
                    level_official=official,
                    level_teachers=teachers,
                )
            )
    LanguageCredential.objects.bulk_create(credentials, batch_size=1000)
    Profile.skills.through.objects.bulk_create(
        [
            Profile.skills.through(profile_id=row["profile"].pk, skill_id=skill.pk)
            for row in rows
            for skill in row["skills"]
        ],
        batch_size=1000,
    )
    Profile.fields.through.objects.bulk_create(
        [
            Profile.fields.through(profile_id=row["profile"].pk, fieldofexchange_id=field_id)
            for row in rows
            for field_id in {skill.field_id for skill in row["skills"] if skill.field_id}
        ],
        batch_size=1000,
    )


def load(*, scale: int, log) -> None:
    skills = _skills()
    places = {p.key: p for p in Place.objects.all()}
    fields = {f.key: f for f in FieldOfExchange.objects.all()}
    _pool(skills, places, fields)
    need = _conservatory_need(skills, fields)
    _teaching_needs(skills, fields)
    _event_tasks()
    _training()
    created = services.translation_sweep(by=None)
    if scale:
        _synthetic(scale, skills, places)
    log(
        f"talent: {Profile.objects.count()} profiles, {LanguageCredential.objects.count()} "
        f"credentials; conservatory need {services.need_filled(need)} of {need.headcount}; "
        f"{created} new translation tasks"
    )
