# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""An application's documents and submission, the fee, a round's opening and confirmation,
the names on the sheets and the integrity analysis, on the page and through the API: the
same inputs are accepted or refused, and refused with the same message, because the
service is the only gate (issue 11, part 1). Each channel acts on its own copy."""

import pytest

from amur.accounts.services import api_token_create
from amur.competitions.models import Contestant, Document, Round
from tests.competitions.files import image_bytes, pdf_bytes, upload
from tests.factories.competitions import (
    ContestantFactory,
    DisciplineFactory,
    JurorFactory,
    RoundFactory,
)
from tests.factories.directory import UserFactory, give_role
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def _refused_alike(page, api, message):
    assert api.status_code in (409, 422)
    assert page_messages(page) == [message]
    assert message in api_messages(api)


DOCUMENT_CASES = [
    # (case, kind, file's name and content, application's status, message; None: accepted)
    ("a CV", "cv", ("cv.pdf", "pdf"), "draft", None),
    ("a photo", "photo", ("photo.png", "png"), "draft", None),
    ("an unknown kind", "diploma", ("cv.pdf", "pdf"), "draft", "Unknown kind of document."),
    (
        "admitted before",
        "cv",
        ("cv.pdf", "pdf"),
        "admitted",
        "This application can no longer be changed.",
    ),
]


@pytest.mark.parametrize(
    ("case", "kind", "file", "status", "message"),
    DOCUMENT_CASES,
    ids=[c[0] for c in DOCUMENT_CASES],
)
def test_page_and_api_accept_and_refuse_documents_alike(client, case, kind, file, status, message):
    user = UserFactory()
    applications = [ContestantFactory(user=user, status=status) for _channel in ("page", "api")]
    content = pdf_bytes() if file[1] == "pdf" else image_bytes("PNG")
    client.force_login(user)

    page = client.post(
        f"/competitions/applications/{applications[0].pk}/documents/",
        {"kind": kind, "file": upload(file[0], content)},
    )
    api = client.post(
        f"/api/v1/competitions/applications/{applications[1].pk}/documents/{kind}",
        {"file": upload(file[0], content)},
        **_auth(user),
    )

    stored = [list(a.documents.values_list("kind", flat=True)) for a in applications]
    if message is None:
        assert api.status_code == 201
        assert stored == [[kind], [kind]]
    else:
        _refused_alike(page, api, message)
        assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("case", "documents", "message"),
    [
        ("complete", ["photo", "cv"], None),
        ("no CV", ["photo"], "Missing document: CV."),
    ],
)
def test_page_and_api_submit_and_refuse_applications_alike(client, case, documents, message):
    user = UserFactory()
    discipline = DisciplineFactory(required_documents=["photo", "cv"])
    applications = [
        ContestantFactory(user=user, discipline=discipline, status="draft")
        for _channel in ("page", "api")
    ]
    for application in applications:
        for kind in documents:
            Document.objects.create(
                contestant=application, kind=kind, content_type="application/pdf", size=1
            )
    client.force_login(user)

    page = client.post(f"/competitions/applications/{applications[0].pk}/submit/")
    api = client.post(
        f"/api/v1/competitions/applications/{applications[1].pk}/submit", **_auth(user)
    )

    statuses = [Contestant.objects.get(pk=a.pk).status for a in applications]
    if message is None:
        assert api.status_code == 200
        assert statuses == ["submitted", "submitted"]
    else:
        _refused_alike(page, api, message)
        assert statuses == ["draft", "draft"]


@pytest.mark.parametrize(("paid", "form"), [(True, "1"), (False, "")])
def test_page_and_api_record_the_fee_alike(client, paid, form):
    discipline = DisciplineFactory()
    office = UserFactory()
    give_role(office, discipline.edition.competition.organiser, "editor")
    applications = [
        ContestantFactory(discipline=discipline, fee_paid=not paid) for _channel in ("page", "api")
    ]
    client.force_login(office)

    client.post(f"/competitions/applications/{applications[0].pk}/fee/", {"paid": form})
    api = client.post(
        f"/api/v1/competitions/applications/{applications[1].pk}/fee",
        {"paid": paid},
        content_type="application/json",
        **_auth(office),
    )

    assert api.status_code == 200
    assert [Contestant.objects.get(pk=a.pk).fee_paid for a in applications] == [paid, paid]


ROUND_CASES = [
    # (case, action, status of the round, of the round before it; status expected, else message)
    ("open a planned round", "open", "planned", None, "scoring"),
    ("open after a confirmed round", "open", "planned", "confirmed", "scoring"),
    (
        "open a round being scored",
        "open",
        "scoring",
        None,
        "Only a planned round can be opened for scoring.",
    ),
    (
        "open before the round before is confirmed",
        "open",
        "planned",
        "closed",
        "The qualifiers of the previous round must be confirmed first.",
    ),
    ("confirm a closed round", "confirm", "closed", None, "confirmed"),
    (
        "confirm a round being scored",
        "confirm",
        "scoring",
        None,
        "Only a round closed by the chair can be confirmed.",
    ),
]


@pytest.mark.parametrize(
    ("case", "action", "status", "before", "outcome"),
    ROUND_CASES,
    ids=[c[0] for c in ROUND_CASES],
)
def test_page_and_api_open_and_confirm_rounds_alike(client, case, action, status, before, outcome):
    office = UserFactory()
    rounds = []
    for _channel in ("page", "api"):
        discipline = DisciplineFactory()
        give_role(office, discipline.edition.competition.organiser, "editor")
        if before:
            RoundFactory(discipline=discipline, order=1, status=before, results={"qualified": []})
        rounds.append(
            RoundFactory(discipline=discipline, order=2, status=status, results={"qualified": []})
        )
    client.force_login(office)

    page = client.post(f"/competitions/rounds/{rounds[0].pk}/{action}/")
    api = client.post(f"/api/v1/competitions/rounds/{rounds[1].pk}/{action}", **_auth(office))

    statuses = [Round.objects.get(pk=r.pk).status for r in rounds]
    if outcome in ("scoring", "confirmed"):
        assert api.status_code == 200
        assert statuses == [outcome, outcome]
    else:
        _refused_alike(page, api, outcome)
        assert statuses == [status, status]


@pytest.mark.parametrize(
    ("chair", "message"),
    [(True, None), (False, "Only the chair of the jury can reveal the names.")],
)
def test_page_and_api_reveal_names_and_refuse_alike(client, chair, message):
    user = UserFactory()
    rounds = [RoundFactory() for _channel in ("page", "api")]
    for round_ in rounds:
        JurorFactory(edition=round_.discipline.edition, user=user, is_chair=chair)
    client.force_login(user)

    page = client.post(f"/competitions/rounds/{rounds[0].pk}/reveal/", {"revealed": "1"})
    api = client.post(
        f"/api/v1/competitions/rounds/{rounds[1].pk}/reveal",
        {"revealed": True},
        content_type="application/json",
        **_auth(user),
    )

    revealed = [Round.objects.get(pk=r.pk).names_revealed for r in rounds]
    if message is None:
        assert api.status_code == 200
        assert revealed == [True, True]
    else:
        _refused_alike(page, api, message)
        assert revealed == [False, False]


@pytest.mark.parametrize(
    ("who", "message"),
    [("chair", None), ("office", "Only the chair of the jury can publish the analysis.")],
)
def test_page_and_api_publish_the_integrity_analysis_and_refuse_alike(client, who, message):
    user = UserFactory()
    rounds = [RoundFactory(status="confirmed") for _channel in ("page", "api")]
    for round_ in rounds:
        if who == "chair":
            JurorFactory(edition=round_.discipline.edition, user=user, is_chair=True)
        else:
            give_role(user, round_.discipline.edition.competition.organiser, "editor")
    client.force_login(user)

    page = client.post(
        f"/competitions/rounds/{rounds[0].pk}/integrity/publish/", {"published": "1"}
    )
    api = client.post(
        f"/api/v1/competitions/rounds/{rounds[1].pk}/integrity/publish",
        {"published": True},
        content_type="application/json",
        **_auth(user),
    )

    published = [Round.objects.get(pk=r.pk).integrity_published for r in rounds]
    if message is None:
        assert api.status_code == 200
        assert published == [True, True]
    else:
        _refused_alike(page, api, message)
        assert published == [False, False]
