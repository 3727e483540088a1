# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The front door: what is happening now, and one search over every module."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from amur.core.search import search_keys
from tests.factories.alliances import MembershipFactory
from tests.factories.competitions import EditionFactory, RoundFactory
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.library import RecordFactory
from tests.factories.mobility import CallFactory
from tests.factories.talent import ProfileFactory

pytestmark = pytest.mark.django_db


def _zh(client):
    client.cookies["amur_language"] = "zh-hans"
    return client


def test_home_shows_upcoming_events_in_the_readers_language(client):
    EventFactory(title_zh="哈尔滨中俄博览会", title_en="China-Russia Expo")
    EventFactory(
        title_en="Drafted festival", status="draft", title_zh="草稿节", title_ru="Черновик"
    )
    EventFactory(
        title_zh="已结束的周",
        start=timezone.now() - timedelta(days=10),
        end=timezone.now() - timedelta(days=9),
    )

    html = _zh(client).get("/").content.decode()

    assert "哈尔滨中俄博览会" in html
    assert "China-Russia Expo" not in html
    assert "草稿节" not in html  # a draft is its host's business
    assert "已结束的周" not in html


def test_home_lists_open_calls_of_every_kind_with_their_zone(client):
    CallFactory(title_en="Semester in Blagoveshchensk")
    CallFactory(title_en="Closed call", deadline=timezone.now() - timedelta(days=1))
    EditionFactory(competition__name_en="Amur Piano Competition")
    EditionFactory(
        competition__name_en="Finished Competition",
        applications_close=timezone.now() - timedelta(days=1),
    )

    html = client.get("/").content.decode()

    assert "Semester in Blagoveshchensk" in html
    assert "Amur Piano Competition 2027" in html
    assert "Closed call" not in html
    assert "Finished Competition" not in html
    assert "Beijing time (UTC+8)" in html  # a deadline says which zone it is in


def test_home_lists_recent_results_and_new_members(client):
    RoundFactory(
        status="confirmed",
        discipline__edition__applications_close=timezone.now() - timedelta(days=60),
        name_en="Final",
        discipline__name_en="Violin",
        discipline__edition__competition__name_en="Harbin Violin Competition",
    )
    RoundFactory(
        status="scoring",
        discipline__edition__competition__name_en="Still scoring",
        discipline__edition__applications_close=timezone.now() - timedelta(days=60),
    )
    MembershipFactory(organisation__name_en="Amur State University", joined_on=date(2026, 11, 1))
    MembershipFactory(organisation__name_en="Applicant College", status="applied")

    html = client.get("/").content.decode()

    assert "Harbin Violin Competition" in html
    assert "Violin · Final" in html
    assert "Still scoring" not in html
    assert "Amur State University" in html
    assert "Applicant College" not in html


def test_search_finds_every_kind_from_any_script_grouped_by_kind(client):
    OrganisationFactory(
        name_zh="哈尔滨音乐学院", name_ru="Харбинская консерватория", name_en="Harbin Conservatory"
    )
    PersonFactory(
        name="Харитонов Иван",
        name_latin="Kharitonov Ivan",
        name_ru="Харитонов Иван",
        search_keys=search_keys("Харитонов Иван"),
    )
    EventFactory(title_en="Harbin Ice Festival", title_zh="哈尔滨冰雪节")
    EditionFactory(competition__name_en="Harbin Violin Competition", competition__name_zh="")
    CallFactory(title_en="Semester in Harbin", title_ru="Семестр в Харбине")
    RecordFactory(title="Harbin: a history", title_original="")
    person = PersonFactory(name="Harbin Smith", name_latin="Harbin Smith")
    ProfileFactory(person=person, search_keys=search_keys("Harbin Smith"))

    response = client.get("/search/", {"q": "Харбин"})

    html = response.content.decode()
    kinds = [group.kind for group in response.context["groups"]]
    assert kinds == [
        "organisations",
        "people",
        "events",
        "competitions",
        "calls",
        "records",
        "profiles",
    ]
    for title in (
        "Harbin Conservatory",
        "Harbin Ice Festival",
        "Harbin Violin Competition",
        "Semester in Harbin",
        "Harbin: a history",
        "Harbin Smith",
    ):
        assert title in html


@pytest.mark.parametrize("query", ["哈尔滨", "haerbin", "ha er bin"])
def test_search_finds_a_chinese_name_in_han_or_pinyin(client, query):
    OrganisationFactory(name_zh="哈尔滨师范大学", name_ru="", name_en="")

    response = client.get("/search/", {"q": query})

    assert [g.kind for g in response.context["groups"]] == ["organisations"]


def test_search_never_shows_what_the_reader_may_not_see(client):
    PersonFactory(
        name="Unlisted Harbin",
        name_latin="Unlisted Harbin",
        listed=False,
        search_keys=search_keys("Unlisted Harbin"),
    )
    EventFactory(title_en="Harbin draft", status="draft")
    hidden = PersonFactory(name="Hidden Harbin", name_latin="Hidden Harbin")
    ProfileFactory(person=hidden, visibility="hidden", search_keys=search_keys("Hidden Harbin"))
    members = PersonFactory(name="Members Harbin", name_latin="Members Harbin")
    ProfileFactory(person=members, visibility="members", search_keys=search_keys("Members Harbin"))

    anonymous = client.get("/search/", {"q": "harbin"})
    client.force_login(UserFactory())
    signed_in = client.get("/search/", {"q": "harbin"})

    def profiles(response):
        groups = {g.kind: g for g in response.context["groups"]}
        return [item.title for item in groups["profiles"].items] if "profiles" in groups else []

    for html in (anonymous.content.decode(), signed_in.content.decode()):
        assert "Unlisted Harbin" not in html
        assert "Harbin draft" not in html
    assert profiles(anonymous) == []
    assert profiles(signed_in) == ["Members Harbin"]


def test_search_links_to_the_module_when_a_kind_has_more_hits(client):
    for n in range(10):
        OrganisationFactory(name_en=f"Heihe College {n}", name_zh="", name_ru="")

    response = client.get("/search/", {"q": "heihe"})

    (group,) = response.context["groups"]
    assert len(group.items) == 8
    assert group.more_url == "/directory/?q=heihe"


def test_an_empty_search_explains_itself(client):
    response = client.get("/search/")

    assert response.status_code == 200
    assert response.context["groups"] == []
