# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The header in three languages, signed in or not: one line each at 1280 px, a menu
button on a phone."""

import pytest

from tests.pg import sqlite_only

pytestmark = [pytest.mark.browser, sqlite_only, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["zh-hans", "ru", "en"]

GEOMETRY = """() => {
  const box = (e) => e.getBoundingClientRect();
  // A line holds items whose boxes all overlap vertically: [lowest top, highest bottom].
  const tops = (sel) => {
    const boxes = [...document.querySelectorAll(sel)].map(box);
    return [Math.max(...boxes.map(b => b.top)), Math.min(...boxes.map(b => b.bottom))];
  };
  const header = document.querySelector("header.site-header");
  const container = box(header);
  const padding = parseFloat(getComputedStyle(header).paddingRight);
  const rights = [...document.querySelectorAll("nav.site-nav li")].map(e => box(e).right);
  const select = box(document.querySelector("#language-select"));
  return {
    modules: tops("nav.site-nav ul.modules > li"),
    tools: tops("nav.site-nav ul.tools > li"),
    widest: Math.max(...rights), limit: container.right - padding + 1,
    select: [select.left, select.right, select.width],
    scroll: document.documentElement.scrollWidth, width: window.innerWidth,
  };
}"""


def _user(django_user_model):
    return django_user_model.objects.create_user("ekaterina.volkova", "ev@example.org", "x")


def test_header_fits_one_line_each_at_1280(visit, django_user_model):
    user = _user(django_user_model)
    for language in LANGUAGES:
        for signed_in in (None, user):
            page = visit("/", language=language, width=1280, user=signed_in)
            geometry = page.evaluate(GEOMETRY)

            assert geometry["modules"][0] < geometry["modules"][1], (language, geometry)
            assert geometry["tools"][0] < geometry["tools"][1], (language, geometry)
            assert geometry["widest"] <= geometry["limit"], (language, geometry)
            assert geometry["select"][2] > 60, (language, geometry)
            assert geometry["select"][1] <= geometry["limit"], (language, geometry)
            assert geometry["scroll"] == geometry["width"], (language, geometry)
            assert page.locator(".menu-toggle").is_hidden()
            page.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_menu_button_opens_the_navigation_on_a_phone(visit, language, django_user_model):
    page = visit("/", language=language, width=390, user=_user(django_user_model))

    modules = page.locator("nav.site-nav ul.modules")
    assert modules.is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    page.locator(".menu-toggle").click()

    assert modules.is_visible()
    assert page.locator("#language-select").is_visible()
    assert page.locator(".menu-toggle").get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    page.locator("nav.site-nav ul.modules a").nth(2).click()
    page.wait_for_load_state()
    assert page.url.endswith("/events/")


def test_pages_carry_the_language_and_hyphenate(visit):
    for language, lang in [("zh-hans", "zh-Hans"), ("ru", "ru"), ("en", "en")]:
        page = visit("/", language=language, width=1280)

        hyphens = page.evaluate("getComputedStyle(document.querySelector('main')).hyphens")

        assert page.locator("html").get_attribute("lang") == lang
        assert hyphens == "auto"
