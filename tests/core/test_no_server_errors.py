# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""No server errors (issue 12, part 5): every input that answered 500 gets a clear 4xx in
the reader's language; on the API, Amur's JSON error shape."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from amur.accounts.services import api_token_create
from tests.factories.core import PlaceFactory
from tests.factories.directory import UserFactory, give_role

pytestmark = pytest.mark.django_db

HUGE = 2**63  # beyond every database's integer range
LIST_ENDPOINTS = [
    "/api/v1/core/places",
    "/api/v1/directory/organisations",
    "/api/v1/directory/people",
    "/api/v1/events/events",
    "/api/v1/library/records",
    "/api/v1/library/exchange/offers",
    "/api/v1/mobility/calls",
    "/api/v1/mobility/programmes",
    "/api/v1/resources/resources",
    "/api/v1/resources/concepts",
    "/api/v1/forum/editions",
]


def bearer(user) -> dict:
    _token, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def refused_in(response, status: int, language: str | None = None) -> dict:
    assert response.status_code == status, response.content[:500]
    error = response.json()["error"]
    assert error["message"]
    return error


def test_every_list_endpoint_uses_the_shared_bounded_pagination():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "amur"
    other = re.compile(r"@paginate\((?!Pagination\))")
    unbounded = [
        str(p.relative_to(root)) for p in root.rglob("*.py") if other.search(p.read_text())
    ]
    assert unbounded == []


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
@pytest.mark.parametrize("param", ["offset", "limit"])
def test_offset_and_limit_beyond_the_integer_range_are_422(client, path, param):
    response = client.get(path, {param: HUGE})
    error = refused_in(response, 422)
    assert error["code"] == "invalid"
    assert client.get(path, {param: 2**31 - 1}).status_code == 200


def test_validation_errors_speak_the_readers_language(client):
    response = client.get(
        "/api/v1/directory/organisations", {"offset": HUGE}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert refused_in(response, 422)["message"] == "Запрос неверен."


@pytest.mark.parametrize("year", [0, -1, 10000])
def test_mobility_flows_report_with_an_impossible_year(client, year):
    refused_in(client.get("/api/v1/mobility/reports/flows", {"year": year}), 422)
    page = client.get("/mobility/reports/", {"year": year})
    assert page.status_code in (200, 400)


@pytest.mark.parametrize("days", [-1, -(10**9), 10**9])
def test_mobility_expiring_report_with_an_impossible_window(client, days):
    refused_in(client.get("/api/v1/mobility/reports/expiring", {"within_days": days}), 422)


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "association", "sector": "folk", "place": "harbin"},
        {
            "name_en": "X",
            "kind": "association",
            "sector": "folk",
            "place": "harbin",
            "email": "not-an-email",
        },
    ],
)
def test_organisation_posted_without_a_name_or_with_an_invalid_email(client, payload):
    PlaceFactory()
    response = client.post(
        "/api/v1/directory/organisations",
        payload,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
        **bearer(UserFactory()),
    )
    error = refused_in(response, 422)
    assert error["code"] == "invalid"
    assert error["detail"]


def test_over_long_number_in_a_mobility_application(client):
    from tests.factories.mobility import CallFactory

    call = CallFactory()
    user = UserFactory()
    response = client.post(
        f"/api/v1/mobility/calls/{call.pk}/applications",
        {"name": "Li", "grade_mark": "1" + "0" * 40, "language_score": "90"},
        **bearer(user),
    )
    # The service's own rule speaks first: a grade average lies between 0 and 100.
    assert refused_in(response, 409)["message"] == "A score is between 0 and 100."


def test_nul_byte_in_a_holding_is_refused(client):
    from tests.factories.library import HoldingFactory, LibrarySettingsFactory, RecordFactory

    library = LibrarySettingsFactory().organisation
    editor = UserFactory()
    give_role(editor, library, "editor")
    record = RecordFactory()
    headers = bearer(editor)
    response = client.post(
        f"/api/v1/library/records/{record.pk}/holdings",
        {"library": library.pk, "barcode": "B\x001", "call_number": "PG\x00"},
        content_type="application/json",
        **headers,
    )
    refused_in(response, 422)
    holding = HoldingFactory(library=library)
    response = client.patch(
        f"/api/v1/library/holdings/{holding.pk}",
        {"call_number": "note\x00"},
        content_type="application/json",
        **headers,
    )
    refused_in(response, 422)
    response = client.get("/api/v1/library/records", {"q": "a\x00b"})
    refused_in(response, 422)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>&lol9;</leader>
</record></collection>"""


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        b"<collection><record>",
        b'<!DOCTYPE c [<!ENTITY e SYSTEM "file:///etc/passwd">]><collection>&e;</collection>',
    ],
)
def test_marcxml_upload_that_cannot_be_read_is_a_clear_400(client, data):
    from amur.library.models import ImportJob
    from tests.factories.library import LibrarySettingsFactory

    library = LibrarySettingsFactory().organisation
    editor = UserFactory()
    give_role(editor, library, "editor")
    client.force_login(editor)
    response = client.post(
        "/library/imports/new/",
        {"library": library.pk, "file": SimpleUploadedFile("lol.xml", data)},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert "XML" in response.content.decode()
    assert not ImportJob.objects.exists()


# The OpenAPI schema says which operations need authentication and what they answer -----


@pytest.fixture
def schema(client):
    return client.get("/api/openapi.json").json()


def operations(schema):
    for path, ops in schema["paths"].items():
        for method, operation in ops.items():
            yield path, method, operation


def test_anonymous_reads_are_not_marked_as_requiring_authentication(client, schema):
    """Every GET without path parameters, called anonymously: 401 exactly when the schema
    says it needs a token (before, every operation said so)."""
    checked = 0
    for path, method, operation in operations(schema):
        if method != "get" or "{" in path:
            continue
        optional = {} in operation["security"]
        response = client.get(path)
        assert (response.status_code != 401) == optional, (path, response.status_code)
        assert response.status_code < 500, path
        checked += 1
    assert checked > 20
    optional = [p for p, _m, o in operations(schema) if {} in o["security"]]
    assert "/api/v1/directory/organisations" in optional
    assert "/api/v1/accounts/tokens" not in optional


def test_every_operation_documents_its_error_answers(schema):
    for path, method, operation in operations(schema):
        codes = set(operation["responses"])
        assert "401" in codes, (method, path)  # a wrong token, on any operation
        if operation.get("parameters") or operation.get("requestBody"):
            assert "422" in codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)


@pytest.mark.parametrize("param", ["library", "year_from", "year_to"])
def test_catalogue_filters_beyond_their_range_are_422(client, param):
    error = refused_in(client.get("/api/v1/library/records", {param: HUGE}), 422)
    assert error["code"] == "invalid"
    refused_in(client.get("/api/v1/library/records/facets", {param: HUGE}), 422)


def test_any_number_that_overflows_the_database_driver_is_a_422_in_the_readers_language(rf):
    # Bodies and filters have many integer fields; whichever one a driver cannot store
    # (OverflowError on SQLite and psycopg alike), the caller hears that a number is too
    # large, never a server error.
    import json

    from django.utils import translation

    from amur.api import api

    with translation.override("ru"):
        response = api.on_exception(rf.get("/api/v1/x"), OverflowError("int too large"))
    assert response.status_code == 422
    error = json.loads(response.content)["error"]
    assert error["code"] == "invalid"
    assert error["detail"] == {"number": "Число слишком велико."}
