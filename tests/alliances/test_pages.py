# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from amur.alliances.models import Alliance
from amur.alliances.selectors import members_active

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo", only=["core", "directory", "alliances"], verbosity=0)
    return Alliance.objects.get(slug="srvea")


def test_demo_alliance_matches_the_seed(demo):
    members = list(members_active(demo))
    chinese = [m.organisation for m in members if m.organisation.place.country_code == "CN"]
    kinds = {}
    for org in chinese:
        kinds[org.kind] = kinds.get(org.kind, 0) + 1
    regions = {
        org.place.parent.key if org.place.kind == "city" else org.place.key for org in chinese
    }

    assert len(members) == 153
    assert len(members) - len(chinese) == 5
    assert (kinds["university"], kinds["vocational_college"], kinds["secondary_vocational"]) == (
        2,
        83,
        48,
    )
    assert kinds["enterprise"] + kinds["research_institute"] == 15
    assert len(regions) == 22
    assert demo.memberships.filter(category="prospective").count() == 40
    assert demo.memberships.get(organisation__slug="harbin-vocational").category == "executive"


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "153 member units"), ("ru", "153 организации-члена"), ("zh-hans", "153 个成员单位")],
)
def test_public_page_shows_the_breakdown_in_three_languages(client, demo, language, words):
    client.cookies["amur_language"] = language

    html = client.get("/alliances/srvea/").content.decode()

    assert words in html
    assert 'data-chart="chart-kind"' in html
    assert "22" in html.split('class="chinese-regions"')[1][:120]


def test_who_is_who_shows_the_seed_officers(client, demo):
    council = demo.bodies.get(kind="council")

    html = client.get(f"/alliances/srvea/bodies/{council.pk}/").content.decode()

    assert "李长妮" in html
    assert "Executive director" in html


def test_members_export_as_xlsx(client, demo):
    response = client.get("/alliances/srvea/members.csv", {"format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 154
    assert [c.value for c in sheet[1]] == [
        "organisation",
        "category",
        "kind",
        "sector",
        "country",
        "region",
        "joined",
    ]


def test_constitution_is_shown_with_its_adopting_vote(client, demo):
    html = client.get("/alliances/srvea/constitution/").content.decode()

    assert "2023-08-03" in html
    assert "Article 1." in html


def test_a_long_member_list_is_paginated_and_filtered_in_any_script(client):
    from tests.factories.alliances import AllianceFactory, MembershipFactory
    from tests.factories.core import moscow
    from tests.factories.directory import OrganisationFactory

    alliance = AllianceFactory()
    for n in range(30):
        MembershipFactory(
            alliance=alliance,
            organisation=OrganisationFactory(
                name_en=f"College {n:02d}", name_ru=f"Колледж {n:02d}"
            ),
        )
    MembershipFactory(
        alliance=alliance,
        category="observer",
        organisation=OrganisationFactory(
            name_en="Amur State University",
            name_ru="Амурский государственный университет",
            place=moscow(),
        ),
    )
    url = f"/alliances/{alliance.slug}/"

    first = client.get(url)
    second = client.get(url, {"page": 2})
    found = client.get(url, {"q": "Амурский"})
    observers = client.get(url, {"category": "observer"})
    russian = client.get(url, {"country": "RU"})

    assert len(first.context["members"]) == 25
    assert len(second.context["members"]) == 6
    assert "page=2#members" in first.content.decode()
    names = lambda r: [m.organisation.name_en for m in r.context["members"]]  # noqa: E731
    assert names(found) == ["Amur State University"]
    assert names(observers) == ["Amur State University"]
    assert names(russian) == ["Amur State University"]
