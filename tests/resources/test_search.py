# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Resources are found in any script and by facets, on SQLite and PostgreSQL alike
(CI runs this file on both)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from amur.resources import selectors, services
from tests.factories.directory import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf():
    org = OrganisationFactory()
    common = {"organisation": org, "by": None, "original_language": "zh", "audience": "public"}
    welding = services.resource_create(
        kind="course_pack",
        title_zh="焊接专业汉语",
        licence="cc-by",
        roles=["student"],
        eqf_level=4,
        **common,
    )
    logistics = services.resource_create(
        kind="syllabus",
        title_ru="Логистика: учебный план",
        licence="cc-by-nc",
        roles=["teacher"],
        **common,
    )
    for resource in (welding, logistics):
        version = services.version_add(resource=resource, by=None, language="zh", title="课程")
        services.revision_add(version=version, by=None, url="https://example.org/x")
        services.resource_publish(resource=resource, by=None)
    return welding, logistics


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("焊接", "welding"),
        ("hanjie", "welding"),
        ("han jie", "welding"),
        ("логистика", "logistics"),
        ("Logistika", "logistics"),
        ("ЛОГИСТИКА", "logistics"),
    ],
)
def test_found_in_any_script(shelf, query, expected):
    welding, logistics = shelf

    found = list(selectors.resources_search(AnonymousUser(), query))

    assert found == [{"welding": welding, "logistics": logistics}[expected]]


def test_facets_filter_and_count(shelf):
    welding, logistics = shelf
    everyone = selectors.resources_search(AnonymousUser())

    counts = selectors.facet_counts(everyone)

    assert counts["kind"] == {"course_pack": 1, "syllabus": 1}
    assert counts["role"] == {"student": 1, "teacher": 1}
    assert counts["language"] == {"zh": 2}
    assert list(selectors.resources_search(AnonymousUser(), role="teacher")) == [logistics]
    assert list(selectors.resources_search(AnonymousUser(), eqf_level=4)) == [welding]
    assert list(selectors.resources_search(AnonymousUser(), licence="cc-by-nc")) == [logistics]
