# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from amur.core.models import FieldOfExchange, Place
from amur.events.models import EventOrganiser
from amur.mobility.models import Mobility
from tests.factories.directory import OrganisationFactory, PersonFactory
from tests.factories.events import EventFactory

ZONE = ZoneInfo("Asia/Shanghai")


def event(
    *,
    place,
    host,
    year=2025,
    fields=(),
    direction="",
    status="completed",
    people=None,
    partner=None,
    online=None,
):
    made = EventFactory(
        place=Place.objects.get(key=place),
        status=status,
        direction=direction,
        start=datetime(year, 6, 1, 10, tzinfo=ZONE),
        attendance_in_person=people,
        online_viewers=online,
        host=host,
    )
    if partner is not None:
        EventOrganiser.objects.create(event=made, organisation=partner, role="partner")
    made.fields.set(FieldOfExchange.objects.filter(key__in=fields))
    return made


@pytest.fixture
def scene(db):
    """Nine public events of 2025 in four divisions, a draft, one of 2024, four stays."""
    call_command("demo", only=["core"], verbosity=0)
    place = {key: Place.objects.get(key=key) for key in ("harbin", "heihe", "moscow")}
    official = OrganisationFactory(
        slug="gov", sector="government", kind="government", place=place["harbin"]
    )
    folk = OrganisationFactory(slug="folk", sector="folk", kind="association", place=place["heihe"])
    russian = OrganisationFactory(
        slug="ru", sector="public", kind="university", place=place["moscow"]
    )
    events = [
        event(
            place="harbin",
            host=official,
            fields=["music"],
            direction="ru_cn",
            people=100,
            partner=russian,
        ),
        event(
            place="harbin",
            host=official,
            fields=["music", "fine-arts"],
            direction="ru_cn",
            people=300,
        ),
        event(place="harbin", host=official, fields=["education"], direction="cn_ru", people=50),
        event(place="harbin", host=russian, fields=["music"], direction="joint", online=500),
        event(place="heihe", host=folk, fields=["folk-heritage"], direction="cn_ru", people=40),
        event(place="heihe", host=official, fields=["fine-arts"], direction="ru_cn"),
        event(place="suifenhe", host=folk, fields=["music"], direction="ru_cn", people=10),
        event(place="qiqihar", host=official, fields=["sports"], direction="cn_ru"),
        event(place="moscow", host=russian, fields=["music"], direction="cn_ru", partner=official),
    ]
    draft = event(place="daqing", host=folk, fields=["libraries-archives"], status="draft")
    older = event(place="harbin", host=folk, year=2024, fields=["music"], direction="ru_cn")
    for year in (2022, 2023):
        event(place="harbin", host=official, year=year, partner=russian)
    for sending, receiving, level, kind in [
        (official, russian, "student", "semester"),
        (official, russian, "", "semester"),
        (russian, official, "", "staff_teaching"),
        (official, russian, "teacher", "short"),
    ]:
        Mobility.objects.create(
            person=PersonFactory(),
            sending=sending,
            receiving=receiving,
            kind=kind,
            level=level,
            start=date(2025, 3, 1),
            end=date(2025, 3, 1) + timedelta(days=30),
        )
    return SimpleNamespace(
        events=events, draft=draft, older=older, official=official, folk=folk, russian=russian
    )


def read(stored) -> bytes:
    """The bytes of a stored file, closed after reading."""
    with stored.open("rb") as handle:
        return handle.read()


@pytest.fixture
def made(tmp_path, settings, django_capture_on_commit_callbacks):
    """Yearly reports made as the server makes them: the task runs after the commit."""
    from amur.observatory import reports

    settings.MEDIA_ROOT = tmp_path

    def committed(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    def request(user, *, year=2027, language="en", private=False):
        report = committed(
            reports.report_request, year=year, language=language, private=private, by=user
        )
        report.refresh_from_db()
        return report

    return SimpleNamespace(request=request, committed=committed)
