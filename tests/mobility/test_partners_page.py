# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""An organisation sees all its agreements and partners on one page and on a map."""

import json
import re

import pytest

from tests.factories.core import moscow
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.mobility import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    home = OrganisationFactory(name_en="Harbin Conservatory of Music")
    spb = OrganisationFactory(name_en="St Petersburg Conservatory", place=moscow())
    herzen = OrganisationFactory(name_en="Herzen University")
    memorandum = AgreementFactory(owner=home, title_en="Memorandum with two partners")
    memorandum.partners.set([home, spb, herzen])
    exchange = AgreementFactory(owner=home, title_en="Student exchange", kind="exchange")
    exchange.partners.set([home, spb])
    draft = AgreementFactory(owner=home, title_en="Draft dual degree", status="draft")
    draft.partners.set([home, herzen])
    AgreementFactory(title_en="Someone else's agreement").partners.set([spb, herzen])
    return home, spb, herzen


def chart(page: str) -> dict:
    found = re.search(r'<script id="chart-partners" type="application/json">(.*?)</script>', page)
    return json.loads(found.group(1))


def test_the_page_lists_agreements_and_partners_with_their_counts(client, network):
    home, spb, herzen = network

    page = client.get(f"/mobility/organisations/{home.pk}/agreements/").content.decode()

    assert "Memorandum with two partners" in page
    assert "Student exchange" in page
    assert "Someone else" not in page
    assert "Draft dual degree" not in page  # drafts are for the organisation's own people
    rows = re.findall(
        r"<tr><td><a href=\"/directory/organisations/(\d+)/\">[^<]*</a></td><td>"
        r"[^<]*</td><td>(\d+)</td><td>(\d+)</td></tr>",
        page,
    )
    assert rows == [(str(spb.pk), "2", "2"), (str(herzen.pk), "1", "1")]
    points = chart(page)["series"][0]["data"]
    moscow_point = next(p for p in points if p["name"] == "St Petersburg Conservatory")
    assert moscow_point["value"][:2] == [float(spb.place.lon), float(spb.place.lat)]


def test_members_of_the_organisation_also_see_its_drafts(client, network):
    home, _spb, _herzen = network
    member = UserFactory()
    give_role(member, home, "member")
    client.force_login(member)

    page = client.get(f"/mobility/organisations/{home.pk}/agreements/").content.decode()

    assert "Draft dual degree" in page


@pytest.mark.parametrize(
    ("language", "heading"), [("ru", "Соглашения и партнёры"), ("zh-hans", "协议与合作伙伴")]
)
def test_the_page_speaks_the_visitors_language(client, network, language, heading):
    home, _spb, _herzen = network

    page = client.get(
        f"/mobility/organisations/{home.pk}/agreements/", HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()

    assert heading in page


def test_organisations_without_a_key_work_too(client):
    home = OrganisationFactory(slug=None)
    partner = OrganisationFactory(slug=None)
    AgreementFactory(owner=home, title_en="Plain agreement").partners.set([home, partner])

    index = client.get("/mobility/")
    page = client.get(f"/mobility/organisations/{home.pk}/agreements/")

    assert index.status_code == 200
    assert f"/mobility/organisations/{partner.pk}/agreements/" in index.content.decode()
    assert "Plain agreement" in page.content.decode()
