# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Recording what EWP needs of a stay on the page and through the API: the same inputs are
accepted or refused, and refused with the same message, because the service is the only
gate (issue 11, part 1). Each channel works on its own copy of the same stay, with the
same offices and contact people."""

from datetime import date

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.directory.models import Affiliation
from amur.mobility.models import Mobility
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db

ISCED = "An ISCED-F code has two to four digits."
EWP_FIELDS = ("eqf_level", "isced_code", "language", "language_level", "blended")


@pytest.fixture
def cast():
    sending, receiving = UserFactory(), UserFactory()
    sending_org, receiving_org = OrganisationFactory(), OrganisationFactory()
    give_role(sending, sending_org, "editor")
    give_role(receiving, receiving_org, "editor")
    contacts = {
        "sending_contact": PersonFactory(name="王芳", email="wang.fang@example.cn"),
        "receiving_contact": PersonFactory(name="Ирина Петрова", email="petrova@example.ru"),
        "no e-mail": PersonFactory(name="张伟", email=""),
        "elsewhere": PersonFactory(name="Олег Смирнов", email="smirnov@example.ru"),
    }
    for name, organisation in (
        ("sending_contact", sending_org),
        ("receiving_contact", receiving_org),
        ("no e-mail", sending_org),
        ("elsewhere", OrganisationFactory()),
    ):
        Affiliation.objects.create(person=contacts[name], organisation=organisation)
    stays = [
        Mobility.objects.create(
            person=PersonFactory(),
            sending=sending_org,
            receiving=receiving_org,
            kind="semester",
            start=date(2027, 2, 1),
            end=date(2027, 6, 30),
        )
        for _channel in ("page", "api")
    ]
    return {"sending": sending, "receiving": receiving}, contacts, stays


CASES = [
    # (case, inputs, who, message expected; None: accepted)
    ("valid", {}, "sending", None),
    ("nothing yet", {"eqf_level": None, "isced_code": "", "language": ""}, "sending", None),
    ("a lower-case level", {"language_level": "b1"}, "sending", None),
    ("EQF above 8", {"eqf_level": 9}, "sending", "An EQF level is between 1 and 8."),
    ("EQF of 0", {"eqf_level": 0}, "sending", "An EQF level is between 1 and 8."),
    (
        "ISCED of five digits",
        {"isced_code": "02151"},
        "sending",
        ISCED,
    ),
    ("ISCED of letters", {"isced_code": "ab"}, "sending", ISCED),
    (
        "a language as a word",
        {"language": "русский"},
        "sending",
        "Write the language as a code, e.g. ru, zh or en.",
    ),
    (
        "a language tag too long",
        {"language": "ru-Latn-RU"},
        "sending",
        "Ensure this value has at most 8 characters (it has 10).",
    ),
    (
        "an unknown CEFR level",
        {"language_level": "D1"},
        "sending",
        "A CEFR level is one of A1, A2, B1, B2, C1 and C2.",
    ),
    (
        "a contact without an e-mail",
        {"sending_contact": "no e-mail"},
        "sending",
        "A contact person needs an e-mail address.",
    ),
    (
        "a contact of another institution",
        {"receiving_contact": "elsewhere"},
        "sending",
        "A contact person works at the institution they speak for.",
    ),
    ("by the receiving office", {}, "receiving", 403),
]


@pytest.mark.parametrize(("case", "inputs", "who", "message"), CASES, ids=[c[0] for c in CASES])
def test_page_and_api_accept_and_refuse_ewp_data_alike(client, cast, case, inputs, who, message):
    users, contacts, (page_stay, api_stay) = cast
    data = {
        "eqf_level": 7,
        "isced_code": "0215",
        "language": "ru",
        "language_level": "B2",
        "sending_contact": "sending_contact",
        "receiving_contact": "receiving_contact",
        "blended": True,
        **inputs,
    }
    for name in ("sending_contact", "receiving_contact"):
        data[name] = contacts[data[name]].pk
    page_data = {k: ("" if v is None else v) for k, v in data.items()}

    client.force_login(users[who])
    page = client.post(f"/mobility/mobilities/{page_stay.pk}/ewp/", page_data)
    said = page_messages(page)
    client.logout()
    api = client.put(
        f"/api/v1/mobility/mobilities/{api_stay.pk}/ewp-data",
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=users[who], name='t')[1]}",
    )

    stays = Mobility.objects.filter(pk__in=[page_stay.pk, api_stay.pk]).order_by("pk")
    recorded = [
        (*(getattr(s, n) for n in EWP_FIELDS), s.sending_contact_id, s.receiving_contact_id)
        for s in stays
    ]
    if isinstance(message, int):
        assert (page.status_code, api.status_code) == (message, message)
        assert recorded == 2 * [(None, "", "", "", False, None, None)]
    elif message is None:
        assert api.status_code == 200
        assert [str(m) for m in get_messages(page.wsgi_request)] == ["Saved."]
        assert recorded[0] == recorded[1]
        assert recorded[0][3] == data["language_level"].upper()
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert recorded == 2 * [(None, "", "", "", False, None, None)]
