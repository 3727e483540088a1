# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Events of the seeds, loaded through the CSV import, and an upcoming event to register for.

``scale`` > 0 adds ``scale × 200`` synthetic events over places, kinds, fields and sectors.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from amur.core.models import FieldOfExchange, Place
from amur.directory.models import Organisation
from amur.events.enums import EventKind
from amur.events.imports import events_import_csv
from amur.events.models import Event, EventOrganiser, ParticipationMode, Question
from amur.events.services import event_photo_add, event_save, event_search_keys

SEEDS = Path(__file__).resolve().parent / "data" / "seed_events.csv"


def load(*, scale: int, log) -> None:
    report = events_import_csv(SEEDS.read_text(encoding="utf-8"))
    if not report.ok:
        raise ValueError(f"events demo: {report.errors}")
    log(f"  {report.created + report.updated} events of the seeds")
    _upcoming()
    _photos()
    if scale > 0:
        _synthetic(scale)
        log(f"  synthetic: {scale * 200} events")


def _upcoming() -> None:
    harbin = Place.objects.get(key="harbin")
    zone = ZoneInfo("Asia/Shanghai")
    start = datetime(2027, 8, 3, 9, 0, tzinfo=zone)
    event = Event.objects.filter(slug="culture-art-week-2027").first() or Event(
        slug="culture-art-week-2027"
    )
    event.title_zh = "第三届哈尔滨中俄文化艺术交流周"
    event.title_ru = (
        "Третья Харбинская неделя российско-китайского обмена в области культуры и искусства"
    )
    event.title_en = "Third Harbin Sino-Russian Culture and Art Exchange Week"
    event.summary_en = "Concerts, exhibitions and master classes; in Harbin and online."
    event.summary_zh = "音乐会、展览和大师班；在哈尔滨现场举行，并同步线上直播。"
    event.summary_ru = "Концерты, выставки и мастер-классы — в Харбине и онлайн."
    event.kind, event.status, event.place = "culture_week", "published", harbin
    event.venue = "Harbin Grand Theatre"
    event.start, event.end, event.timezone = (
        start,
        start + timedelta(days=6, hours=9),
        "Asia/Shanghai",
    )
    event.online_url, event.online_platform, event.interpretation = (
        "https://live.example.org/week",
        "Amur Live",
        True,
    )
    event_save(
        event=event,
        organisers=[
            (Organisation.objects.get(slug="harbin-government"), "host"),
            (Organisation.objects.get(slug="harbin-conservatory"), "co_organiser"),
            (Organisation.objects.get(slug="harbin-folk-centre"), "partner"),
        ],
    )
    event.fields.set(FieldOfExchange.objects.filter(key__in=["music", "fine-arts"]))
    ParticipationMode.objects.update_or_create(
        event=event, attendance="in_person", defaults={"capacity": 200}
    )
    ParticipationMode.objects.update_or_create(
        event=event, attendance="online", defaults={"capacity": None}
    )
    question = {
        "text_zh": "您需要中俄翻译吗？",
        "text_ru": "Нужен ли вам перевод?",
        "text_en": "Do you need interpretation?",
    }
    Question.objects.update_or_create(event=event, position=1, defaults=question)


def _photos() -> None:
    """A generated picture for the alliance's inaugural ceremony, so the gallery shows."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    event = Event.objects.get(slug="vocational-alliance-inauguration-2023")
    if event.photos.exists():
        return
    image = Image.new("RGB", (960, 540), (180, 30, 45))
    draw = ImageDraw.Draw(image)
    for row in range(6):  # rows of seats facing the stage
        for seat in range(16):
            x, y = 80 + seat * 50, 260 + row * 42
            draw.ellipse((x, y, x + 26, y + 26), fill=(235, 220, 200))
    draw.rectangle((160, 60, 800, 200), fill=(250, 200, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    event_photo_add(
        event=event,
        upload=SimpleUploadedFile("ceremony.png", buffer.getvalue()),
        caption="成立大会 · Учредительное собрание · Inaugural ceremony",
        by=None,
    )


# The research's picture, which the observatory should show back: Harbin and the border
# ports host most events, music, fine arts and education are strong while libraries are
# weak, official organisers dominate folk ones, and many flows go one way.
PLACE_WEIGHT = {
    "harbin": 30,
    "heihe": 8,
    "suifenhe": 8,
    "mudanjiang": 5,
    "jiamusi": 4,
    "fuyuan": 3,
    "dongning": 3,
    "daqing": 2,
    "qiqihar": 2,
}
FIELD_WEIGHT = {
    "music": 12,
    "fine-arts": 10,
    "education": 10,
    "sports": 8,
    "theatre-dance": 5,
    "youth": 4,
    "libraries-archives": 1,
}
SECTOR_WEIGHT = {"government": 6, "public": 6, "enterprise": 2, "folk": 1}
DIRECTION_WEIGHT = {"ru_cn": 5, "cn_ru": 2, "joint": 3}


def _synthetic(scale: int) -> None:
    """``scale × 200`` completed events, written in bulk (an event at a time took minutes
    at ``--scale 50``).  The draws are the same whether or not an event exists, so a second
    run finds every slug and writes nothing."""
    rng = random.Random(scale)
    places = list(Place.objects.filter(kind__in=["city", "port"]).order_by("key"))
    place_weights = [PLACE_WEIGHT.get(p.key, 1) for p in places]
    organisations = list(Organisation.objects.order_by("pk"))
    organisation_weights = [SECTOR_WEIGHT.get(o.sector, 1) for o in organisations]
    fields = list(FieldOfExchange.objects.order_by("key"))
    field_weights = [FIELD_WEIGHT.get(f.key, 2) for f in fields]
    directions = list(DIRECTION_WEIGHT)
    prefix = f"synthetic-{scale}-"
    existing = set(Event.objects.filter(slug__startswith=prefix).values_list("slug", flat=True))
    new: list[tuple[Event, Organisation, set]] = []
    for number in range(scale * 200):
        place = rng.choices(places, place_weights)[0]
        kind = rng.choice(EventKind.values)
        start = datetime(
            rng.randint(2005, 2027),
            rng.randint(1, 12),
            rng.randint(1, 28),
            10,
            tzinfo=ZoneInfo(place.timezone or "UTC"),
        )
        event = Event(
            slug=f"{prefix}{number}",
            title_en=f"{place.name_en} {EventKind(kind).label} {number + 1}",
            title_ru=f"{place.name_ru}: мероприятие № {number + 1}",
            title_zh=f"{place.name_zh}交流活动第{number + 1}号",
            kind=kind,
            status="completed",
            place=place,
            start=start,
            end=start + timedelta(days=rng.randint(0, 6)),
            timezone=place.timezone or "UTC",
            attendance_in_person=rng.randint(20, 2000),
            direction=rng.choices(directions, list(DIRECTION_WEIGHT.values()))[0],
        )
        share_cn = rng.uniform(0.3, 0.9)
        event.participants_cn = round(event.attendance_in_person * share_cn)
        event.participants_ru = event.attendance_in_person - event.participants_cn
        host = rng.choices(organisations, organisation_weights)[0]
        chosen = {rng.choices(fields, field_weights)[0] for _ in range(2)}
        if event.slug not in existing:
            event.search_keys = event_search_keys(event)
            new.append((event, host, chosen))
    Event.objects.bulk_create([event for event, _host, _fields in new], batch_size=500)
    EventOrganiser.objects.bulk_create(
        [EventOrganiser(event=event, organisation=host, role="host") for event, host, _f in new],
        batch_size=1000,
    )
    Event.fields.through.objects.bulk_create(
        [
            Event.fields.through(event_id=event.pk, fieldofexchange_id=field.pk)
            for event, _host, chosen in new
            for field in chosen
        ],
        batch_size=1000,
    )
