# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Adding a language credential, stating a task and offering a training course on the page
and through the API: the same inputs are accepted or refused, and refused with the same
message, because the service is the only gate (issue 11, part 1), the site's languages
included. Each channel is another person or works for another organisation."""

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.talent.models import LanguageCredential, Task, TrainingOffer
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db

LANGUAGES = "A language is Chinese (zh), Russian (ru) or English (en)."


def _api(client, method, url, data, user):
    return getattr(client, method)(
        url,
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t')[1]}",
    )


def _page(client, url, data, user) -> list[str]:
    client.force_login(user)
    page = client.post(url, data)
    said = page_messages(page)
    client.logout()
    return said


CREDENTIAL_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("an interpreting mode", {"skill": "interpreting", "mode": "consecutive"}, None),
    ("a language outside the site's", {"language": "de"}, LANGUAGES),
    ("no language", {"language": ""}, LANGUAGES),
    ("an unknown scheme", {"scheme": "ielts"}, "Unknown credential scheme “ielts”."),
    (
        "a level outside the scheme",
        {"level": "7"},
        "“7” is not a level of HSK 2.0 (1–6); expected one of 1, 2, 3, 4, 5, 6.",
    ),
    (
        "an unknown skill",
        {"skill": "singing"},
        "Value 'singing' is not a valid choice.",
    ),
    (
        "evidence too long",
        {"evidence": "证" * 301},
        "Ensure this value has at most 300 characters (it has 301).",
    ),
]


@pytest.mark.parametrize(
    ("case", "inputs", "message"), CREDENTIAL_CASES, ids=[c[0] for c in CREDENTIAL_CASES]
)
def test_page_and_api_accept_and_refuse_credentials_alike(client, case, inputs, message):
    page_user, api_user = UserFactory(), UserFactory()
    data = {
        "language": "zh",
        "scheme": "hsk2",
        "level": "6",
        "skill": "overall",
        "mode": "",
        "evidence": "HSK 6 证书 H61900001",
        "issued_on": "2025-06-01",
        **inputs,
    }

    said = _page(client, "/talent/me/credentials/", data, page_user)
    api = _api(
        client,
        "post",
        "/api/v1/talent/me/credentials",
        {k: v for k, v in data.items() if v != "" or k != "issued_on"},
        api_user,
    )

    held = [
        list(
            LanguageCredential.objects.filter(person__user=user).values_list(
                "language", "scheme", "level", "skill", "mode", "evidence", "issued_on"
            )
        )
        for user in (page_user, api_user)
    ]
    if message is None:
        assert api.status_code == 201
        assert held[0] == held[1]
        assert len(held[0]) == 1
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert held == [[], []]


def test_page_and_api_remove_credentials_alike(client):
    owner, stranger = UserFactory(), UserFactory()
    for scheme, level in (("torfl", "TORFL-2"), ("cefr", "B2")):
        _api(
            client,
            "post",
            "/api/v1/talent/me/credentials",
            {"language": "ru", "scheme": scheme, "level": level},
            owner,
        )
    page_one, api_one = LanguageCredential.objects.filter(person__user=owner).order_by("pk")

    client.force_login(stranger)
    by_stranger = client.post(f"/talent/me/credentials/{page_one.pk}/remove/")
    client.logout()
    api_by_stranger = _api(
        client, "delete", f"/api/v1/talent/me/credentials/{api_one.pk}", {}, stranger
    )
    client.force_login(owner)
    by_owner = client.post(f"/talent/me/credentials/{page_one.pk}/remove/")
    client.logout()
    api_by_owner = _api(client, "delete", f"/api/v1/talent/me/credentials/{api_one.pk}", {}, owner)

    assert (by_stranger.status_code, api_by_stranger.status_code) == (404, 404)
    assert (by_owner.status_code, api_by_owner.status_code) == (302, 204)
    assert not LanguageCredential.objects.exists()


@pytest.fixture
def offices():
    """An editor of one organisation for each channel, and a stranger to both."""
    users = {"page": UserFactory(), "api": UserFactory()}
    organisations = {"page": OrganisationFactory(), "api": OrganisationFactory()}
    for channel in ("page", "api"):
        give_role(users[channel], organisations[channel], "editor")
    return users, organisations


TASK_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("without a volume", {"volume": None, "volume_unit": ""}, None),
    ("into German", {"target_language": "de"}, LANGUAGES),
    ("from nothing", {"source_language": ""}, LANGUAGES),
    (
        "into the same language",
        {"target_language": "ru"},
        "A task translates between two different languages.",
    ),
    ("an unknown kind", {"kind": "dubbing"}, "Unknown kind of task."),
    ("a volume of 0", {"volume": 0}, "A volume is a whole number of at least 1."),
    ("an unknown unit", {"volume_unit": "pages"}, "Unknown unit of volume."),
    (
        "ends before it starts",
        {"start": "2027-05-10", "end": "2027-05-01"},
        "The task ends before it starts.",
    ),
    (
        "title too long",
        {"title_ru": "П" * 301},
        "Ensure this value has at most 300 characters (it has 301).",
    ),
]


@pytest.mark.parametrize(("case", "inputs", "message"), TASK_CASES, ids=[c[0] for c in TASK_CASES])
def test_page_and_api_accept_and_refuse_new_tasks_alike(client, offices, case, inputs, message):
    users, organisations = offices
    data = {
        "kind": "translation",
        "title_ru": "Перевод программы фестиваля",
        "source_language": "ru",
        "target_language": "zh",
        "volume": 1200,
        "volume_unit": "ru_words",
        "start": "2027-05-01",
        "end": "2027-05-10",
        **inputs,
    }

    said = _page(
        client,
        "/talent/tasks/new/",
        {
            **{k: ("" if v is None else v) for k, v in data.items()},
            "organisation": organisations["page"].pk,
        },
        users["page"],
    )
    api = _api(
        client,
        "post",
        "/api/v1/talent/tasks",
        {**data, "organisation": organisations["api"].pk},
        users["api"],
    )

    made = [
        list(
            Task.objects.filter(organisation=organisations[channel]).values_list(
                "kind", "title_ru", "source_language", "target_language", "volume", "status"
            )
        )
        for channel in ("page", "api")
    ]
    if message is None:
        assert api.status_code == 201
        assert made[0] == made[1]
        assert len(made[0]) == 1
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert made == [[], []]


TRAINING_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("without a seat limit", {"seats": None}, None),
    ("teaching German", {"language": "de"}, LANGUAGES),
    ("an unknown scheme", {"award_scheme": "ielts"}, "Unknown credential scheme “ielts”."),
    (
        "a level outside the scheme",
        {"award_level": "TORFL-9"},
        "“TORFL-9” is not a level of TORFL (ТРКИ); expected one of "
        "TEU, TBU, TORFL-1, TORFL-2, TORFL-3, TORFL-4.",
    ),
    ("an unknown skill", {"award_skill": "singing"}, "Value 'singing' is not a valid choice."),
    ("no seat", {"seats": 0}, "A training offer has at least one seat."),
    ("no title", {"title_ru": ""}, "Give a title in at least one language."),
]


@pytest.mark.parametrize(
    ("case", "inputs", "message"), TRAINING_CASES, ids=[c[0] for c in TRAINING_CASES]
)
def test_page_and_api_accept_and_refuse_training_offers_alike(
    client, offices, case, inputs, message
):
    users, organisations = offices
    data = {
        "title_ru": "Курс устного перевода",
        "language": "ru",
        "award_scheme": "torfl",
        "award_level": "TORFL-2",
        "award_skill": "overall",
        "start": "2027-03-01T10:00:00+08:00",
        "end": "2027-03-05T18:00:00+08:00",
        "seats": 12,
        **inputs,
    }

    said = _page(
        client,
        "/talent/training/new/",
        {
            **{k: ("" if v is None else v) for k, v in data.items()},
            "organisation": organisations["page"].pk,
            "entry_level": 0,
        },
        users["page"],
    )
    api = _api(
        client,
        "post",
        "/api/v1/talent/training",
        {**data, "organisation": organisations["api"].pk},
        users["api"],
    )

    made = [
        list(
            TrainingOffer.objects.filter(organisation=organisations[channel]).values_list(
                "language", "award_scheme", "award_level", "award_skill", "event__title_ru"
            )
        )
        for channel in ("page", "api")
    ]
    if message is None:
        assert api.status_code == 201
        assert made[0] == made[1]
        assert len(made[0]) == 1
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert made == [[], []]


def test_the_credential_page_says_saved(client):
    user = UserFactory()
    client.force_login(user)

    page = client.post(
        "/talent/me/credentials/",
        {"language": "ru", "scheme": "torfl", "level": "TORFL-1", "skill": "overall"},
    )

    assert [str(m) for m in get_messages(page.wsgi_request)] == ["Saved."]
