# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""One vocabulary for languages (issue 11, part 7): the interface's codes and the content
columns' suffixes are mapped in core.i18n; a user's language and an organisation's office
addresses each come from one function in accounts.selectors."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from amur.accounts.selectors import office_addresses, user_address, user_language
from amur.core.i18n import content_language, ui_language
from tests.factories.directory import OrganisationFactory, UserFactory, give_role

AMUR = Path(__file__).resolve().parents[2] / "amur"


@pytest.mark.parametrize(
    ("given", "ui", "content"),
    [
        ("zh", "zh-hans", "zh"),
        ("zh-hans", "zh-hans", "zh"),
        ("zh-CN", "zh-hans", "zh"),
        ("ru", "ru", "ru"),
        ("ru-RU", "ru", "ru"),
        ("en", "en", "en"),
        ("en-us", "en", "en"),
        ("", "en", "en"),
    ],
)
def test_ui_and_content_codes_map_both_ways(given, ui, content):
    assert ui_language(given) == ui
    assert content_language(ui) == content


@pytest.mark.django_db
def test_a_users_language_is_their_profiles_else_english():
    assert user_language(UserFactory(language="ru")) == "ru"
    assert user_language(UserFactory(language="zh-hans")) == "zh-hans"
    bare = get_user_model().objects.create_user(username="bare", email="bare@example.org")
    assert user_language(bare) == "en"


@pytest.mark.django_db
def test_a_loaded_profile_costs_no_query(django_assert_num_queries):
    UserFactory(username="reader", language="ru")
    user = get_user_model().objects.select_related("profile").get(username="reader")
    with django_assert_num_queries(0):
        assert user_language(user) == "ru"


@pytest.mark.django_db
def test_office_addresses_are_the_acting_people_each_once_in_their_language():
    harbin, heihe = OrganisationFactory(), OrganisationFactory()
    admin = UserFactory(email="admin@hrbcu.example", language="zh-hans")
    editor = UserFactory(email="editor@hrbcu.example", language="ru")
    member = UserFactory(email="member@hrbcu.example")
    silent = UserFactory(email="")
    for user, role in ((admin, "admin"), (editor, "editor"), (member, "member"), (silent, "admin")):
        give_role(user, harbin, role)
    give_role(editor, heihe, "admin")  # the same person for two organisations: one address

    assert office_addresses([harbin.pk, heihe.pk]) == {
        "admin@hrbcu.example": "zh-hans",
        "editor@hrbcu.example": "ru",
    }
    assert office_addresses([harbin.pk], minimum_role="admin") == {"admin@hrbcu.example": "zh-hans"}
    assert "member@hrbcu.example" in office_addresses([harbin.pk], minimum_role="member")
    assert office_addresses([]) == {}


@pytest.mark.django_db
def test_one_users_address():
    assert user_address(UserFactory(email="a@b.example", language="ru")) == {"a@b.example": "ru"}
    assert user_address(UserFactory(email="")) == {}
    assert user_address(None) == {}


def _string_constants(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def test_no_module_spells_the_interface_codes_itself():
    # Demo data and migrations may name a language; code decides through core.i18n.
    allowed = {"settings.py", "i18n.py"}
    offenders = [
        str(path.relative_to(AMUR))
        for path in AMUR.rglob("*.py")
        if path.name not in allowed
        and path.name != "demo.py"
        and "migrations" not in path.parts
        and "zh-hans" in set(_string_constants(path))
    ]
    assert offenders == []
