# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The Harbin Schoenfeld International String Competition (member of the WFIMC since
2017, seed 001) with an illustrative edition: the seed names the competition, not its
jurors or contestants, so those are synthetic and deterministic."""

from __future__ import annotations

import io
import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from amur.accounts.services import organisation_role_set
from amur.competitions import integrity, scoring, services
from amur.competitions.enums import PrizeStatus, RoundStatus
from amur.competitions.models import (
    Competition,
    Conflict,
    Contestant,
    Discipline,
    Document,
    Edition,
    Juror,
    Piece,
    PrizeAllocation,
    Round,
)
from amur.core.models import Place
from amur.directory.models import Organisation
from amur.directory.services import person_ensure

HARBIN = ZoneInfo("Asia/Shanghai")
JURY = [
    ("王建国", "Wang Jianguo", "CN"),
    ("Ирина Соколова", "Irina Sokolova", "RU"),
    ("Hans Müller", "Hans Müller", "DE"),
    ("陈晓燕", "Chen Xiaoyan", "CN"),
    ("Михаил Орлов", "Mikhail Orlov", "RU"),
    ("Yuki Tanaka", "Yuki Tanaka", "JP"),
    ("Anna Kowalska", "Anna Kowalska", "PL"),
]
CONTESTANTS = [
    ("李明轩", "Li Mingxuan", "CN"),
    ("Алиса Морозова", "Alisa Morozova", "RU"),
    ("张雨涵", "Zhang Yuhan", "CN"),
    ("Даниил Ким", "Daniil Kim", "RU"),
    ("Sophie Martin", "Sophie Martin", "FR"),
    ("刘子墨", "Liu Zimo", "CN"),
    ("Егор Павлов", "Egor Pavlov", "RU"),
    ("Kim Seo-yeon", "Kim Seo-yeon", "KR"),
    ("赵思远", "Zhao Siyuan", "CN"),
    ("Мария Белова", "Mariia Belova", "RU"),
]


# The integrity analysis needs something to find: juror 5 marks down the contestants nearest
# their student (contestant 8) in the rest of the panel's standings, and juror 3 scores in
# extremes.  Every other score is drawn as before.
STRATEGIC, POLARISING = 5, 3


def _first_round_sheet(jurors, contestants) -> dict[str, dict[str, object]]:
    rng, extremes = random.Random(2025), random.Random(3)
    recused = set(
        Conflict.objects.filter(juror__in=jurors, confirmed=True).values_list(
            "juror_id", "contestant_id"
        )
    )
    sheet: dict[str, dict[str, object]] = {str(c.pk): {} for c in contestants}
    for n, juror in enumerate(jurors):
        for contestant in contestants:
            if (juror.pk, contestant.pk) in recused:
                sheet[str(contestant.pk)][str(juror.pk)] = scoring.RECUSED
                continue
            value = rng.randint(14, 24)
            if n == POLARISING:
                value = extremes.choice((8, 9, 10, 24, 25))
            sheet[str(contestant.pk)][str(juror.pk)] = Decimal(value)
    strategic = str(jurors[STRATEGIC].pk)
    for key in integrity.rivals(sheet, strategic):
        sheet[key][strategic] = max(Decimal(1), sheet[key][strategic] - 6)
    return sheet


def load(*, scale: int, log) -> None:
    organiser = Organisation.objects.get(slug="harbin-conservatory")
    competition, _ = Competition.objects.update_or_create(
        slug="schoenfeld",
        defaults={
            "organiser": organiser,
            "name_zh": "哈尔滨勋菲尔德国际弦乐比赛",
            "name_ru": "Харбинский международный конкурс струнных инструментов имени Шёнфельда",
            "name_en": "Harbin Schoenfeld International String Competition",
        },
    )
    competition.federations.set(Organisation.objects.filter(slug="wfimc"))
    office, _ = get_user_model().objects.get_or_create(
        username="demo-competition-office", defaults={"email": "office@example.org"}
    )
    organisation_role_set(user=office, organisation=organiser, role="editor")
    if not Edition.objects.filter(competition=competition, year=2025).exists():
        _edition_2025(competition, log)
    edition = Edition.objects.get(competition=competition, year=2025)
    _run_2025(edition, office, log)
    _edition_2027(competition, office, log)


def _edition_2025(competition, log) -> None:
    edition = Edition.objects.create(
        competition=competition,
        year=2025,
        place=Place.objects.get(key="harbin"),
        venue="Harbin Concert Hall",
        starts=date(2025, 7, 10),
        ends=date(2025, 7, 22),
        applications_open=datetime(2025, 1, 10, tzinfo=HARBIN),
        applications_close=datetime(2025, 4, 30, 23, 59, tzinfo=HARBIN),
        fee=800,
        rules_en="Violin and cello: ages 16–30 on 10 July 2025. Scores 1–25, corrected mean.",
        rules_zh="小提琴、大提琴：2025年7月10日年龄16至30岁。评分1–25分，采用修正平均分。",
        rules_ru="Скрипка и виолончель: возраст 16–30 лет на 10 июля 2025 г. Оценки 1–25, скорректированное среднее.",
    )
    disciplines = {}
    for key, zh, ru, en, ensemble in [
        ("violin", "小提琴", "Скрипка", "Violin", False),
        ("cello", "大提琴", "Виолончель", "Cello", False),
        ("chamber", "室内乐", "Камерный ансамбль", "Chamber music", True),
    ]:
        disciplines[key] = Discipline.objects.create(
            edition=edition,
            key=key,
            name_zh=zh,
            name_ru=ru,
            name_en=en,
            ensemble=ensemble,
            min_age=16,
            max_age=30,
            age_on=date(2025, 7, 10),
        )
    users = get_user_model()
    jurors = []
    for n, (name, latin, country) in enumerate(JURY):
        person = person_ensure(
            name=name,
            name_latin=latin,
            nationality=country,
            script="han" if country == "CN" else "cyrillic" if country == "RU" else "latin",
            listed=True,
        )
        user, _ = users.objects.get_or_create(username=f"demo-juror-{n}")
        jurors.append(
            Juror.objects.create(edition=edition, person=person, user=user, is_chair=n == 0)
        )
    violin = disciplines["violin"]
    contestants = [
        Contestant.objects.create(
            discipline=violin,
            number=n + 1,
            name=name,
            name_latin=latin,
            nationality=country,
            birth_date=date(2000 + n % 6, 3, 1 + n),
            status="admitted",
            teachers=[{"name": JURY[1][0], "from": 2018, "to": 2023}]
            if n in (1, 6)
            else [{"name": JURY[STRATEGIC][1], "from": 2019, "to": 2024}]
            if n == 7
            else [],
        )
        for n, (name, latin, country) in enumerate(CONTESTANTS)
    ]
    services.conflicts_propose(edition=edition)
    Conflict.objects.get_or_create(
        juror=jurors[0], contestant=contestants[2], defaults={"reason": "teacher"}
    )
    first = Round.objects.create(
        discipline=violin,
        order=1,
        name_zh="第一轮",
        name_ru="Первый тур",
        name_en="First round",
        quota=6,
        cap=3,
        status="scoring",
        min_duration=timedelta(minutes=20),
        max_duration=timedelta(minutes=25),
    )
    Round.objects.create(
        discipline=violin,
        order=2,
        name_zh="决赛",
        name_ru="Финал",
        name_en="Final",
        quota=3,
        cap=2,
        weights=[30, 70],
        min_duration=timedelta(minutes=30),
        max_duration=timedelta(minutes=45),
    )
    for contestant in contestants:
        _programme(contestant, first, FIRST_ROUND[contestant.number % len(FIRST_ROUND)])
    sheet = _first_round_sheet(jurors, contestants)
    for juror in jurors:
        for contestant in contestants:
            value = sheet[str(contestant.pk)][str(juror.pk)]
            if value != scoring.RECUSED:
                services.score_enter(
                    round_=first, user=juror.user, contestant=contestant, value=value
                )
        services.sheet_submit(round_=first, user=juror.user)
    services.round_close(round_=first, by=jurors[0].user)
    log(
        f"  Schoenfeld competition 2025: {len(jurors)} jurors, {len(contestants)} violinists, first round closed"
    )


# Programmes as competitions print them: (composer, work, minutes, seconds).
FIRST_ROUND = [
    [
        ("J. S. Bach", "Partita No. 2 in D minor, BWV 1004: Chaconne", 14, 10),
        ("N. Paganini", "Caprice No. 24 in A minor", 5, 20),
        ("何占豪、陈钢", "《梁祝》华彩", 3, 5),
    ],
    [
        ("E. Ysaÿe", 'Sonata No. 3 in D minor, "Ballade"', 7, 0),
        ("J. S. Bach", "Sonata No. 1 in G minor, BWV 1001: Adagio and Fuga", 9, 30),
        ("Н. Паганини", "Каприс № 5 ля минор", 3, 0),
        ("H. Wieniawski", "Scherzo-Tarantelle, Op. 16", 4, 30),
    ],
    [
        ("W. A. Mozart", "Violin Concerto No. 3 in G major, K. 216: I. Allegro", 9, 45),
        ("H. Wieniawski", "Polonaise brillante No. 1 in D major, Op. 4", 5, 30),
        ("J. S. Bach", "Partita No. 3 in E major, BWV 1006: Preludio", 3, 50),
        ("N. Paganini", "Caprice No. 1 in E major", 2, 0),
    ],
]
FINAL = [
    ("П. И. Чайковский", "Концерт для скрипки с оркестром ре мажор, соч. 35", 34, 0),
    ("J. Sibelius", "Violin Concerto in D minor, Op. 47", 31, 30),
    ("J. Brahms", "Violin Concerto in D major, Op. 77", 38, 0),
]
CELLO_FIRST_ROUND = [
    ("J. S. Bach", "Cello Suite No. 3 in C major, BWV 1009: Prélude and Sarabande", 7, 30),
    ("D. Popper", "High School of Cello Playing, Op. 73: Étude No. 13", 3, 40),
    ("A. Piatti", "Caprice No. 7", 3, 30),
    ("П. И. Чайковский", "Pezzo capriccioso, соч. 62", 7, 0),
]
CELLO_FINAL = [
    ("A. Dvořák", "Cello Concerto in B minor, Op. 104", 40, 0),
    ("Д. Д. Шостакович", "Концерт для виолончели с оркестром № 1, соч. 107", 30, 0),
]


def _programme(contestant, round_, pieces) -> None:
    # Written directly: the 2025 application window has closed, so the portal's service
    # (which enforces the deadline) would refuse; the programmes are historical records.
    for position, (composer, work, minutes, seconds) in enumerate(pieces, start=1):
        Piece.objects.update_or_create(
            contestant=contestant,
            round=round_,
            position=position,
            defaults={
                "composer": composer,
                "work": work,
                "duration": timedelta(minutes=minutes, seconds=seconds),
                "video_url": f"https://video.example.org/schoenfeld/{contestant.number}-{position}"
                if round_.by_video
                else "",
            },
        )


def _run_2025(edition, office, log) -> None:
    """The 2025 violin competition carried to its end: fees recorded, the first round's
    qualifiers confirmed, the final scored with names revealed, prizes voted."""
    violin = edition.disciplines.get(key="violin")
    first, final = violin.rounds.order_by("order")
    for contestant in violin.contestants.all():
        services.fee_mark_paid(contestant=contestant, by=office)
    if first.status == RoundStatus.CLOSED:
        services.round_confirm(round_=first, by=office)
    jurors = list(Juror.objects.filter(edition=edition).select_related("user").order_by("pk"))
    chair = next(j for j in jurors if j.is_chair)
    finalists = list(violin.contestants.filter(pk__in=first.results["qualified"]))
    for n, contestant in enumerate(finalists):
        _programme(contestant, final, [FINAL[n % len(FINAL)]])
    if final.status == RoundStatus.PLANNED:
        services.round_open(round_=final, by=office)
        final.refresh_from_db()
    if final.status == RoundStatus.SCORING:
        rng = random.Random(2026)
        services.round_reveal_names(round_=final, by=chair.user, revealed=True)
        for juror in jurors:
            for contestant in finalists:
                if not Conflict.objects.filter(juror=juror, contestant=contestant).exists():
                    services.score_enter(
                        round_=final,
                        user=juror.user,
                        contestant=contestant,
                        value=rng.randint(15, 24),
                    )
            services.sheet_submit(round_=final, user=juror.user)
        services.round_close(round_=final, by=chair.user)
        final.refresh_from_db()
    if not final.prize_allocations.exists():
        allocation = services.prize_allocation_propose(round_=final, by=chair.user)
        for n, juror in enumerate(jurors):
            if allocation.status != PrizeStatus.OPEN:
                break
            services.prize_vote(allocation=allocation, user=juror.user, approve=n != 3)
            allocation.refresh_from_db()
    accepted = PrizeAllocation.objects.filter(round=final, status=PrizeStatus.ACCEPTED).first()
    log(
        f"  Schoenfeld competition 2025: final closed, prizes "
        f"{'accepted' if accepted else 'not accepted'} by the jury"
    )


APPLICANTS_2027 = [
    ("王子涵", "Wang Zihan", "CN", "violin", "submitted"),
    ("Полина Соловьёва", "Polina Solovyova", "RU", "violin", "submitted"),
    ("Lucas Weber", "Lucas Weber", "DE", "cello", "submitted"),
    ("孙悦", "Sun Yue", "CN", "cello", "draft"),
    ("Артём Лебедев", "Artyom Lebedev", "RU", "violin", "draft"),
]


def _tiny_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (180, 160, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


def _tiny_pdf(title: str) -> bytes:
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from amur.core.pdf import styles

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build([Paragraph(title, styles()["body"])])
    return buffer.getvalue()


def _edition_2027(competition, office, log) -> None:
    """An edition whose applications are open: a pre-selection by video, programmes with
    duration ranges, required documents, applicants in draft and submitted."""
    edition, _ = Edition.objects.update_or_create(
        competition=competition,
        year=2027,
        defaults={
            "place": Place.objects.get(key="harbin"),
            "venue": "Harbin Concert Hall",
            "starts": date(2027, 7, 8),
            "ends": date(2027, 7, 21),
            "applications_open": datetime(2026, 9, 1, tzinfo=HARBIN),
            "applications_close": datetime(2027, 3, 31, 23, 59, tzinfo=HARBIN),
            "fee": 900,
            "rules_en": "Pre-selection by video (10–20 minutes); first round 20–25 minutes; "
            "final: a concerto. Photo, CV and identity document required.",
            "rules_ru": "Отбор по видеозаписи (10–20 минут); первый тур 20–25 минут; "
            "финал: концерт. Обязательны фотография, резюме и документ, удостоверяющий личность.",
            "rules_zh": "视频预选（10–20分钟）；第一轮20–25分钟；决赛：协奏曲。"
            "须提交照片、简历和身份证件。",
        },
    )
    rounds = {}
    for key, zh, ru, en in [
        ("violin", "小提琴", "Скрипка", "Violin"),
        ("cello", "大提琴", "Виолончель", "Cello"),
    ]:
        discipline, _ = Discipline.objects.update_or_create(
            edition=edition,
            key=key,
            defaults={
                "name_zh": zh,
                "name_ru": ru,
                "name_en": en,
                "min_age": 16,
                "max_age": 30,
                "age_on": date(2027, 7, 8),
                "required_documents": ["photo", "cv", "identity"],
            },
        )
        for order, (rzh, rru, ren, video, low, high, quota) in enumerate(
            [
                ("视频预选", "Отбор по видеозаписи", "Pre-selection by video", True, 10, 20, 24),
                ("第一轮", "Первый тур", "First round", False, 20, 25, 12),
                ("决赛", "Финал", "Final", False, 30, 45, 6),
            ],
            start=1,
        ):
            rounds[key, order], _ = Round.objects.update_or_create(
                discipline=discipline,
                order=order,
                defaults={
                    "name_zh": rzh,
                    "name_ru": rru,
                    "name_en": ren,
                    "by_video": video,
                    "min_duration": timedelta(minutes=low),
                    "max_duration": timedelta(minutes=high),
                    "quota": quota,
                    "cap": 3 if order == 1 else 2,
                    "weights": [] if order == 1 else [30, 70] if order == 2 else [10, 30, 60],
                },
            )
    users = get_user_model()
    for n, (name, latin, country, key, status) in enumerate(APPLICANTS_2027):
        user, _ = users.objects.get_or_create(
            username=f"demo-contestant-{n}", defaults={"email": f"contestant{n}@example.org"}
        )
        discipline = rounds[key, 1].discipline
        contestant, _ = Contestant.objects.update_or_create(
            discipline=discipline,
            user=user,
            defaults={
                "number": n + 1,
                "name": name,
                "name_latin": latin,
                "nationality": country,
                "birth_date": date(2003 + n, 2, 10 + n),
                "status": status,
                "language": {"CN": "zh-hans", "RU": "ru"}.get(country, "en"),
                "teachers": [{"name": "Ирина Соколова", "from": 2020, "to": 2025}]
                if n == 1
                else [],
            },
        )
        works = CELLO_FIRST_ROUND if key == "cello" else FIRST_ROUND[n % len(FIRST_ROUND)]
        concertos = CELLO_FINAL if key == "cello" else FINAL
        _programme(contestant, rounds[key, 1], works[:2])
        _programme(contestant, rounds[key, 2], works)
        _programme(contestant, rounds[key, 3], [concertos[n % len(concertos)]])
        kinds = ["photo", "cv", "identity"] if status == "submitted" else ["photo"]
        for kind in kinds:
            if not Document.objects.filter(contestant=contestant, kind=kind).exists():
                content = _tiny_png() if kind == "photo" else _tiny_pdf(f"{latin}: {kind}")
                ext = "png" if kind == "photo" else "pdf"
                document = Document(
                    contestant=contestant,
                    kind=kind,
                    size=len(content),
                    content_type="image/png" if ext == "png" else "application/pdf",
                    original_name=f"{kind}.{ext}",
                    uploaded_by=user,
                )
                document.file.save(f"{kind}.{ext}", ContentFile(content), save=True)
        if n in (0, 2):
            services.fee_mark_paid(contestant=contestant, by=office)
    log(f"  Schoenfeld competition 2027: applications open, {len(APPLICANTS_2027)} applicants")
