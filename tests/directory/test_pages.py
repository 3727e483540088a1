# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

from tests.factories.core import FieldOfExchangeFactory, PlaceFactory, moscow
from tests.factories.directory import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def names_in(response) -> list[str]:
    return [org.name_en for org in response.context["page"].object_list]


@pytest.fixture
def orgs():
    harbin_conservatory = OrganisationFactory(
        name_zh="哈尔滨音乐学院",
        name_ru="Харбинская консерватория",
        name_en="Harbin Conservatory of Music",
        kind="conservatory",
        sector="public",
    )
    harbin_conservatory.fields.add(FieldOfExchangeFactory())
    folk = OrganisationFactory(
        name_zh="哈尔滨中俄民间文化交流中心",
        name_ru="Харбинский центр народных обменов",
        name_en="Harbin Folk Centre",
        kind="association",
        sector="folk",
    )
    spb = OrganisationFactory(
        name_zh="莫斯科大学",
        name_ru="Московский университет",
        name_en="Moscow University",
        kind="university",
        sector="public",
        place=moscow(),
    )
    return harbin_conservatory, folk, spb


@pytest.mark.parametrize("query", ["Харбин", "Harbin", "哈尔滨", "ha er bin", "haerbin"])
def test_search_by_any_script_finds_harbin_organisations(client, orgs, query):
    response = client.get("/directory/", {"q": query})

    assert names_in(response) == ["Harbin Conservatory of Music", "Harbin Folk Centre"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "conservatory"}, ["Harbin Conservatory of Music"]),
        ({"sector": "folk"}, ["Harbin Folk Centre"]),
        ({"country": "RU"}, ["Moscow University"]),
        ({"place": "moscow"}, ["Moscow University"]),
        ({"field": "music"}, ["Harbin Conservatory of Music"]),
        ({"sector": "public", "place": "harbin"}, ["Harbin Conservatory of Music"]),
    ],
)
def test_directory_filters(client, orgs, params, expected):
    PlaceFactory(key="ru", kind="country", country_code="RU", name_en="Russia")

    response = client.get("/directory/", params)

    assert names_in(response) == expected


def test_htmx_request_gets_only_the_results_fragment(client, orgs):
    response = client.get("/directory/", {"q": "Moscow"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "Moscow University" in html
    assert "<html" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_directory_list_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    PlaceFactory()
    for _ in range(count):
        OrganisationFactory()

    with django_assert_max_num_queries(5):
        response = client.get("/directory/")

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("zh-hans", "哈尔滨音乐学院"),
        ("ru", "Харбинская консерватория"),
        ("en", "Harbin Conservatory"),
    ],
)
def test_organisation_page_in_three_languages(client, orgs, language, shown):
    client.cookies["amur_language"] = language

    response = client.get(f"/directory/organisations/{orgs[0].pk}/")

    assert response.status_code == 200
    assert f"<h1>{shown}" in response.content.decode()


def test_organisation_page_marks_a_missing_translation(client):
    org = OrganisationFactory(name_zh="", name_ru="", name_en="Only English Society")
    client.cookies["amur_language"] = "ru"

    html = client.get(f"/directory/organisations/{org.pk}/").content.decode()

    assert '<span lang="en">Only English Society</span>' in html
    assert 'class="fallback-tag"' in html


def test_person_page_only_for_people_who_agreed(client):
    listed = PersonFactory(listed=True)
    hidden = PersonFactory(name="王秘密", listed=False)

    assert client.get(f"/directory/people/{listed.pk}/").status_code == 200
    assert client.get(f"/directory/people/{hidden.pk}/").status_code == 404


def test_organisation_page_lists_only_listed_people(client, orgs):
    listed = PersonFactory(name="李长妮", listed=True)
    hidden = PersonFactory(name="王秘密", listed=False)
    for person in (listed, hidden):
        person.affiliations.create(organisation=orgs[0])

    html = client.get(f"/directory/organisations/{orgs[0].pk}/").content.decode()

    assert "李长妮" in html
    assert "王秘密" not in html
