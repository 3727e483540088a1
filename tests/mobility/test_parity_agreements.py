# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Creating an agreement, adding a cooperation condition and opening a call on the page
and through the API: the same inputs are accepted or refused, and refused with the same
message, because the service is the only gate (issue 11, part 1). Each channel works on
its own copy of the same agreement, with the same partners and editors. Changing them
(the edit pages, PATCH and PUT) goes through the same services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from amur.accounts.services import api_token_create
from amur.mobility.models import Agreement, Condition
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    harbin, petersburg, heihe, elsewhere = (OrganisationFactory() for _ in range(4))
    editor, partner = UserFactory(), UserFactory()
    give_role(editor, harbin, "editor")
    give_role(partner, petersburg, "editor")
    agreements = []
    for _channel in ("page", "api"):
        agreement = Agreement.objects.create(
            kind="exchange", owner=harbin, title_en="Music exchange", status="active"
        )
        agreement.partners.set([harbin, petersburg, heihe])
        agreements.append(agreement)
    organisations = {
        "harbin": harbin,
        "petersburg": petersburg,
        "heihe": heihe,
        "elsewhere": elsewhere,
    }
    return {"editor": editor, "partner": partner}, organisations, agreements


def _both(client, user, page_url, page_data, api_url, api_data):
    client.force_login(user)
    page = client.post(page_url, page_data)
    said = page_messages(page)
    client.logout()
    api = client.post(
        api_url,
        api_data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t')[1]}",
    )
    return page, said, api


def _page_data(data: dict) -> dict:
    """What a browser posts: no key for an unticked box or an empty list, '' for None."""
    return {k: ("" if v is None else v) for k, v in data.items() if v is not False and v != []}


AGREEMENT_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("partners besides the owner only", {"partners": ["petersburg", "harbin"]}, None),
    ("an unknown kind", {"kind": "treaty"}, "Unknown kind of agreement."),
    ("an unknown status", {"status": "frozen"}, "Unknown status of agreement."),
    (
        "no title",
        {"title_ru": " ", "title_zh": ""},
        "A title in at least one language is needed.",
    ),
    (
        "title too long",
        {"title_ru": "С" * 301},
        "Ensure this value has at most 300 characters (it has 301).",
    ),
    (
        "validity ends before it begins",
        {"valid_from": "2027-09-01", "valid_until": "2027-01-01"},
        "The validity cannot end before it begins.",
    ),
    (
        "ISCED-F codes of letters",
        {"isced_codes": "0215 music"},
        "ISCED-F codes are two to four digits, separated by spaces.",
    ),
    (
        "ISCED-F codes too long",
        {"isced_codes": " ".join(["0215"] * 21)},
        "Ensure this value has at most 100 characters (it has 104).",
    ),
    (
        "no partner besides the owner",
        {"partners": []},
        "An agreement needs at least one partner besides its owner.",
    ),
    ("for an organisation not edited", {"owner": "elsewhere"}, 403),
]


@pytest.mark.parametrize(
    ("case", "inputs", "message"), AGREEMENT_CASES, ids=[c[0] for c in AGREEMENT_CASES]
)
def test_page_and_api_accept_and_refuse_agreements_alike(client, cast, case, inputs, message):
    users, organisations, _agreements = cast
    data = {
        "owner": "harbin",
        "kind": "exchange",
        "title_ru": "Обмен в области музыки",
        "title_zh": "音乐交流",
        "partners": ["petersburg"],
        "valid_from": "2027-01-01",
        "valid_until": "2031-12-31",
        "status": "active",
        "isced_codes": "0215, 0114",
        **inputs,
    }
    data["owner"] = organisations[data["owner"]].pk
    data["partners"] = [organisations[name].pk for name in data["partners"]]
    before = set(Agreement.objects.values_list("pk", flat=True))

    page, said, api = _both(
        client,
        users["editor"],
        "/mobility/agreements/new/",
        _page_data(data),
        "/api/v1/mobility/agreements",
        data,
    )

    made = Agreement.objects.exclude(pk__in=before).order_by("pk")
    if isinstance(message, int):
        assert (page.status_code, api.status_code) == (message, message)
        assert not made.exists()
    elif message is None:
        assert api.status_code == 201
        fields = ("owner", "kind", "title_ru", "valid_until", "status", "isced_codes")
        rows = [
            (*(getattr(a, n) for n in fields), sorted(a.partners.values_list("pk", flat=True)))
            for a in made
        ]
        assert len(rows) == 2
        assert rows[0] == rows[1]
        assert rows[0][5] == "0215 0114"
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert not made.exists()


CONDITION_CASES = [
    # (case, inputs, who, message expected; None: accepted)
    ("valid", {}, "editor", None),
    ("between two other partners", {"sending": "heihe"}, "editor", None),
    (
        "a side outside the agreement",
        {"receiving": "elsewhere"},
        "editor",
        "The sending and receiving sides must be partners of the agreement.",
    ),
    (
        "one side twice",
        {"receiving": "harbin"},
        "editor",
        "The sending and receiving sides must differ.",
    ),
    (
        "a year of two years",
        {"academic_year": "2027/2029"},
        "editor",
        "An academic year is written as 2025/2026.",
    ),
    (
        "a year written long",
        {"academic_year": "2027 / 2028"},
        "editor",
        "An academic year is written as 2025/2026.",
    ),
    (
        "negative students",
        {"students": -1},
        "editor",
        "Numbers of people, months and days cannot be negative.",
    ),
    (
        "a thousand months",
        {"student_months": 1000},
        "editor",
        "Numbers of people, months and days are at most 999.",
    ),
    ("EQF above 8", {"eqf_level": 9}, "editor", "An EQF level is between 1 and 8."),
    (
        "ISCED-F of nine digits",
        {"isced_code": "021502150"},
        "editor",
        "ISCED-F codes are two to four digits, separated by spaces.",
    ),
    (
        "a language too long",
        {"language": "ru-Latn-RU"},
        "editor",
        "Ensure this value has at most 8 characters (it has 10).",
    ),
    ("by a partner's editor", {}, "partner", 403),
]


@pytest.mark.parametrize(
    ("case", "inputs", "who", "message"), CONDITION_CASES, ids=[c[0] for c in CONDITION_CASES]
)
def test_page_and_api_accept_and_refuse_conditions_alike(client, cast, case, inputs, who, message):
    users, organisations, agreements = cast
    data = {
        "sending": "harbin",
        "receiving": "petersburg",
        "academic_year": "2027/2028",
        "students": 4,
        "student_months": 10,
        "staff": 2,
        "staff_days": 7,
        "trainees": 1,
        "trainee_months": 3,
        "training_staff": 0,
        "training_days": 0,
        "language": "ru",
        "language_level": "B1",
        "isced_code": "0215",
        "eqf_level": 6,
        "blended": True,
        **inputs,
    }
    for side in ("sending", "receiving"):
        data[side] = organisations[data[side]].pk

    page, said, api = _both(
        client,
        users[who],
        f"/mobility/agreements/{agreements[0].pk}/conditions/new/",
        _page_data(data),
        f"/api/v1/mobility/agreements/{agreements[1].pk}/conditions",
        data,
    )

    made = [list(a.conditions.values()) for a in agreements]
    for rows in made:
        for row in rows:
            del row["id"], row["agreement_id"]
    if isinstance(message, int):
        assert (page.status_code, api.status_code) == (message, message)
        assert made == [[], []]
    elif message is None:
        assert api.status_code == 201
        assert made[0] == made[1]
        assert len(made[0]) == 1
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert made == [[], []]


CALL_CASES = [
    # (case, inputs, who, message expected; None: accepted)
    ("valid", {}, "editor", None),
    ("sent by another partner", {"sending": "petersburg", "host": "heihe"}, "partner", None),
    (
        "hosted outside the agreement",
        {"host": "elsewhere"},
        "editor",
        "The sending office and the host must be partners of the agreement.",
    ),
    (
        "sent for a partner not edited",
        {"sending": "heihe"},
        "editor",
        "Only the sending office's editors open and change its calls.",
    ),
    (
        "hosted by the sender",
        {"host": "harbin"},
        "editor",
        "The host must be another partner than the sending office.",
    ),
    ("an unknown kind", {"kind": "holiday"}, "editor", "Unknown kind of call."),
    (
        "no title",
        {"title_ru": "", "title_zh": " "},
        "editor",
        "A title in at least one language is needed.",
    ),
    (
        "title too long",
        {"title_zh": "音" * 301},
        "editor",
        "Ensure this value has at most 300 characters (it has 301).",
    ),
    ("no seat", {"seats": 0}, "editor", "A call offers at least one seat."),
    ("a thousand seats", {"seats": 1000}, "editor", "A call offers at most 999 seats."),
    (
        "weights summing to more than 1",
        {"weight_grades": "0.6"},
        "editor",
        "The criterion weights must not be negative and must sum to 1.",
    ),
    (
        "a negative weight",
        {"weight_grades": "1.1", "weight_language": "-0.3", "weight_interview": "0.2"},
        "editor",
        "The criterion weights must not be negative and must sum to 1.",
    ),
    (
        "weights of three decimals",
        {"weight_grades": "0.333", "weight_language": "0.333", "weight_interview": "0.334"},
        "editor",
        "Ensure that there are no more than 2 decimal places.",
    ),
    ("EQF of 0", {"eqf_level": 0}, "editor", "The EQF level is between 1 and 8."),
    (
        "ISCED-F of five digits",
        {"isced_code": "02150"},
        "editor",
        "An ISCED-F code has two to four digits.",
    ),
    (
        "a minimum level too long",
        {"min_language": "ТРКИ-2, HSK 5, CEFR B2"},
        "editor",
        "Ensure this value has at most 20 characters (it has 22).",
    ),
    (
        "a deadline passed",
        {"deadline": "2020-01-01T12:00:00+00:00"},
        "editor",
        "The deadline of a new call must be in the future.",
    ),
]


@pytest.mark.parametrize(
    ("case", "inputs", "who", "message"), CALL_CASES, ids=[c[0] for c in CALL_CASES]
)
def test_page_and_api_accept_and_refuse_calls_alike(client, cast, case, inputs, who, message):
    users, organisations, agreements = cast
    deadline = (timezone.now() + timedelta(days=40)).replace(microsecond=0)
    data = {
        "sending": "harbin",
        "host": "petersburg",
        "kind": "semester",
        "title_ru": "Семестр в Петербурге",
        "title_zh": "圣彼得堡学期",
        "seats": 3,
        "deadline": deadline.isoformat(),
        "min_language": "TORFL B1",
        "eqf_level": 6,
        "isced_code": "0215",
        "blended": False,
        "weight_grades": "0.5",
        "weight_language": "0.3",
        "weight_interview": "0.2",
        **inputs,
    }
    for side in ("sending", "host"):
        data[side] = organisations[data[side]].pk

    page, said, api = _both(
        client,
        users[who],
        f"/mobility/agreements/{agreements[0].pk}/calls/new/",
        _page_data(data),
        f"/api/v1/mobility/agreements/{agreements[1].pk}/calls",
        data,
    )

    made = [list(a.calls.values()) for a in agreements]
    for rows in made:
        for row in rows:
            del row["id"], row["agreement_id"]
    if isinstance(message, int):
        assert (page.status_code, api.status_code) == (message, message)
        assert made == [[], []]
    elif message is None:
        assert api.status_code == 201
        assert made[0] == made[1]
        assert len(made[0]) == 1
        assert made[0][0]["deadline"] == deadline
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert made == [[], []]


@pytest.mark.parametrize(("who", "status"), [("editor", None), ("partner", 403)])
def test_page_and_api_remove_conditions_alike(client, cast, who, status):
    users, organisations, agreements = cast
    conditions = [
        Condition.objects.create(
            agreement=agreement,
            sending=organisations["harbin"],
            receiving=organisations["petersburg"],
            academic_year="2027/2028",
            students=2,
        )
        for agreement in agreements
    ]
    user = users[who]

    client.force_login(user)
    page = client.post(f"/mobility/conditions/{conditions[0].pk}/delete/")
    client.logout()
    api = client.delete(
        f"/api/v1/mobility/conditions/{conditions[1].pk}",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t')[1]}",
    )

    left = Condition.objects.filter(pk__in=[c.pk for c in conditions]).count()
    if status is None:
        assert (page.status_code, api.status_code, left) == (302, 204, 0)
    else:
        assert (page.status_code, api.status_code, left) == (status, status, 2)
