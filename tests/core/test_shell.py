# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "lang_attr", "nav_word"),
    [
        ("en", 'lang="en"', "Directory"),
        ("ru", 'lang="ru"', "Справочник"),
        ("zh-hans", 'lang="zh-Hans"', "名录"),
    ],
)
def test_home_page_in_each_language(client, language, lang_attr, nav_word):
    client.cookies["amur_language"] = language

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert lang_attr in html
    assert nav_word in html


@pytest.mark.django_db
def test_language_switch_is_remembered(client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/"})

    assert response.status_code == 302
    assert response.cookies["amur_language"].value == "ru"
    assert 'lang="ru"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")

    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_api_docs_and_schema_are_served(client):
    docs = client.get("/api/docs")
    schema = client.get("/api/openapi.json")

    assert docs.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in docs.content.decode()
    assert schema.json()["info"]["title"] == "Amur API"
