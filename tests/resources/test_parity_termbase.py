# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The termbase on the page and through the API: adding a concept, approving it and
importing a file accept and refuse the same inputs, with the same message, because the
service is the only gate (issue 11, part 1)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from amur.accounts.services import api_token_create
from amur.resources.models import Concept, Term
from amur.resources.termbase import CSV_COLUMNS
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.resources import ConceptFactory, TermFactory
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db


def _token(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


CONCEPT_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("no term", {"zh": "", "ru": " "}, "A concept needs at least one term."),
    ("an unknown part of speech", {"part_of_speech": "slang"}, "Unknown part of speech: slang."),
    (
        "a term too long",
        {"ru": "с" * 301},
        "Ensure this value has at most 300 characters (it has 301).",
    ),
    (
        "a source too long",
        {"source": "ГОСТ" * 126},
        "Ensure this value has at most 500 characters (it has 504).",
    ),
]


@pytest.mark.parametrize(
    ("case", "inputs", "message"), CONCEPT_CASES, ids=[c[0] for c in CONCEPT_CASES]
)
def test_page_and_api_accept_and_refuse_concepts_alike(client, case, inputs, message):
    user, school = UserFactory(), OrganisationFactory()
    give_role(user, school, "editor")
    values = {"zh": "焊接", "ru": "сварка", "part_of_speech": "noun", "source": "ГОСТ 2601"}
    values |= inputs
    form = {
        "organisation": school.pk,
        "terms_zh": values["zh"],
        "terms_ru": values["ru"],
        "part_of_speech": values["part_of_speech"],
        "definition_en": "Joining metal parts by melting them together.",
        "source": values["source"],
    }
    payload = {
        "organisation": school.pk,
        "terms": [
            {"language": code, "text": values[code], "part_of_speech": values["part_of_speech"]}
            for code in ("zh", "ru")
        ],
        "definition_en": form["definition_en"],
        "source": values["source"],
    }
    client.force_login(user)

    page = client.post("/resources/termbase/new/", form)
    api = client.post(
        "/api/v1/resources/concepts", payload, content_type="application/json", **_token(user)
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 201
        made = [
            sorted(c.terms.values_list("language", "text", "part_of_speech"))
            for c in Concept.objects.order_by("pk")
        ]
        assert made == 2 * [[("ru", "сварка", "noun"), ("zh", "焊接", "noun")]]
    else:
        assert api.status_code in (409, 422)
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert not Concept.objects.exists()


@pytest.mark.parametrize(
    ("status", "message"), [("proposed", None), ("approved", "This concept is already approved.")]
)
def test_page_and_api_approve_and_refuse_alike(client, status, message):
    expert, school = UserFactory(), OrganisationFactory()
    give_role(expert, school, "admin")
    concepts = [
        ConceptFactory(organisation=school, status=status, expert="Ли Мин")
        for _channel in ("page", "api")
    ]
    client.force_login(expert)

    page = client.post(f"/resources/termbase/{concepts[0].pk}/approve/")
    api = client.post(f"/api/v1/resources/concepts/{concepts[1].pk}/approve", **_token(expert))

    if message is None:
        assert api.status_code == 200
        assert page_messages(page) == []
        assert [Concept.objects.get(pk=c.pk).status for c in concepts] == ["approved", "approved"]
    else:
        assert api.status_code == 409
        assert page_messages(page) == [message]
        assert api_messages(api) == [message]


def _csv(rows) -> bytes:
    lines = [",".join(CSV_COLUMNS)] + [
        ",".join([entry, "", "proposed", "", "", "", "", language, term, "noun", "", ""])
        for entry, language, term in rows
    ]
    return ("\n".join(lines) + "\n").encode()


IMPORT_CASES = [
    # (case, file's content, message expected; None: accepted)
    ("valid", _csv([("{o}-1", "zh", "焊接"), ("{o}-1", "ru", "сварка")]), None),
    ("not UTF-8", "entry_id\n".encode("utf-16"), "The CSV file is not UTF-8."),
    (
        "a wrong header",
        b"entry,term\nx,y\n",
        "Line 1: expected the columns " + ",".join(CSV_COLUMNS) + ".",
    ),
    (
        "a language not ours",
        _csv([("{o}-1", "de", "Schweißen")]),
        "Line 2: the language is zh, ru or en.",
    ),
    (
        "an entry of another organisation",
        _csv([("theirs", "zh", "焊接")]),
        "entry theirs: belongs to another organisation's termbase.",
    ),
    (
        "a term too long",
        _csv([("{o}-1", "ru", "с" * 301)]),
        "entry {o}-1: Ensure this value has at most 300 characters (it has 301).",
    ),
]


@pytest.mark.parametrize(
    ("case", "content", "message"), IMPORT_CASES, ids=[c[0] for c in IMPORT_CASES]
)
def test_page_and_api_import_and_refuse_alike(client, case, content, message):
    user = UserFactory()
    schools = [OrganisationFactory() for _channel in ("page", "api")]
    for school in schools:
        give_role(user, school, "editor")
    TermFactory(concept=ConceptFactory(entry_id="theirs"))
    files = [
        SimpleUploadedFile("terms.csv", content.replace(b"{o}", str(s.pk).encode()))
        for s in schools
    ]
    client.force_login(user)

    page = client.post(
        "/resources/termbase/import/", {"organisation": schools[0].pk, "file": files[0]}
    )
    api = client.post(
        "/api/v1/resources/termbase/import",
        {"organisation": schools[1].pk, "file": files[1]},
        **_token(user),
    )

    imported = [
        sorted(Term.objects.filter(concept__organisation=s).values_list("language", "text"))
        for s in schools
    ]
    if message is None:
        assert page.status_code == 302
        assert api.status_code == 200
        assert imported == 2 * [[("ru", "сварка"), ("zh", "焊接")]]
    else:
        assert api.status_code == 409
        assert page_messages(page) == [message.format(o=schools[0].pk)]
        assert api_messages(api) == [message.format(o=schools[1].pk)]
        assert imported == [[], []]
