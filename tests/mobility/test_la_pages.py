# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Learning-agreement pages and API: the student, the sending and the receiving office each
see the stay's agreement and act only for their own side."""

import pytest

from amur.accounts.services import api_token_create
from amur.mobility import services
from amur.mobility.models import LearningAgreementVersion
from tests.factories.directory import PersonFactory, UserFactory, give_role
from tests.factories.mobility import MobilityFactory
from tests.mobility.test_learning_agreement import COURSES
from tests.permissions import Snapshot, asks_to_log_in, denied

pytestmark = pytest.mark.django_db

LINE = COURSES[0]


@pytest.fixture
def stay():
    student = UserFactory(username="student")
    mobility = MobilityFactory(person=PersonFactory(user=student))
    sending, receiving, outsider = (UserFactory(username=n) for n in ("sending", "receiving", "x"))
    give_role(sending, mobility.sending, "editor")
    give_role(receiving, mobility.receiving, "editor")
    return mobility, student, sending, receiving, outsider


def formset_post(lines):
    data = {
        "form-TOTAL_FORMS": str(len(lines)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "1",
        "form-MAX_NUM_FORMS": "1000",
    }
    for n, line in enumerate(lines):
        data.update({f"form-{n}-{k}": v for k, v in line.items()})
    return data


def test_the_student_proposes_through_the_page_and_every_side_sees_the_version(client, stay):
    mobility, student, sending, receiving, _outsider = stay
    client.force_login(student)

    response = client.post(
        f"/mobility/mobilities/{mobility.pk}/learning-agreement/", formset_post([LINE, {}])
    )

    assert response.status_code == 302
    version = LearningAgreementVersion.objects.get(mobility=mobility)
    assert (version.number, version.components, version.proposed_by) == (1, [LINE], student)
    for user in (student, sending, receiving):
        client.force_login(user)
        assert "Фортепиано" in client.get(f"/mobility/mobilities/{mobility.pk}/").content.decode()


def test_signing_and_approving_through_the_pages_records_each_side(client, stay):
    mobility, student, sending, receiving, _outsider = stay
    version = services.la_propose(mobility=mobility, components=[LINE], by=student)

    client.force_login(student)
    client.post(f"/mobility/learning-agreements/{version.pk}/sign/", {"side": "student"})
    client.force_login(sending)
    client.post(f"/mobility/learning-agreements/{version.pk}/sign/", {"side": "sending"})
    client.force_login(receiving)
    client.post(f"/mobility/learning-agreements/{version.pk}/answer/", {"approve": "yes"})

    version.refresh_from_db()
    assert version.agreed
    assert (version.sending_signer, version.receiving_signer) == (sending, receiving)
    page = client.get(f"/mobility/mobilities/{mobility.pk}/")
    assert page.context["current"] == version


def test_the_receiving_office_rejects_with_a_comment_and_a_change_follows(client, stay):
    mobility, student, _sending, receiving, _outsider = stay
    first = services.la_propose(mobility=mobility, components=[LINE], by=student)
    client.force_login(receiving)

    without = client.post(f"/mobility/learning-agreements/{first.pk}/answer/", {"approve": "no"})
    first.refresh_from_db()
    assert (without.status_code, first.rejected) == (302, False)
    client.post(
        f"/mobility/learning-agreements/{first.pk}/answer/",
        {"approve": "no", "comment": "Курс не читается весной"},
    )
    client.force_login(student)
    client.post(
        f"/mobility/mobilities/{mobility.pk}/learning-agreement/",
        formset_post([{**LINE, "code": "PIANO-2"}]),
    )

    first.refresh_from_db()
    assert first.receiving_comment == "Курс не читается весной"
    assert list(mobility.la_versions.values_list("number", flat=True)) == [1, 2]
    history = client.get(f"/mobility/mobilities/{mobility.pk}/").context["versions"]
    assert [v.number for v in history] == [2, 1]


def test_the_sending_office_cannot_approve_for_the_host_through_the_page(client, stay):
    mobility, student, sending, _receiving, _outsider = stay
    version = services.la_propose(mobility=mobility, components=[LINE], by=student)
    client.force_login(sending)
    before = Snapshot(LearningAgreementVersion)

    answer = client.post(f"/mobility/learning-agreements/{version.pk}/answer/", {"approve": "yes"})
    as_student = client.post(
        f"/mobility/learning-agreements/{version.pk}/sign/", {"side": "student"}
    )

    assert answer.status_code == 403
    assert as_student.status_code == 302
    assert before.unchanged()


def test_the_receiving_office_cannot_sign_for_the_sender(client, stay):
    mobility, student, _sending, receiving, _outsider = stay
    version = services.la_propose(mobility=mobility, components=[LINE], by=student)
    client.force_login(receiving)
    before = Snapshot(LearningAgreementVersion)

    response = client.post(f"/mobility/learning-agreements/{version.pk}/sign/", {"side": "sending"})

    assert denied(response)
    assert before.unchanged()


def test_a_student_sees_only_their_own_stay(client, stay):
    mobility, _student, _sending, _receiving, outsider = stay
    other_student = UserFactory(username="other")
    MobilityFactory(person=PersonFactory(user=other_student, name="张伟"))
    client.force_login(other_student)

    listing = client.get("/mobility/mobilities/")
    detail = client.get(f"/mobility/mobilities/{mobility.pk}/")
    client.force_login(outsider)
    outsider_detail = client.get(f"/mobility/mobilities/{mobility.pk}/")

    assert [m.person.name for m in listing.context["mobilities"]] == ["张伟"]
    assert detail.status_code == 404
    assert outsider_detail.status_code == 404


def test_anonymous_is_asked_to_log_in_for_learning_agreements(client, stay):
    mobility, student, *_ = stay
    version = services.la_propose(mobility=mobility, components=[LINE], by=student)

    assert asks_to_log_in(client.get(f"/mobility/mobilities/{mobility.pk}/"))
    assert asks_to_log_in(client.post(f"/mobility/learning-agreements/{version.pk}/sign/"))
    assert asks_to_log_in(client.post(f"/mobility/learning-agreements/{version.pk}/answer/"))


def test_mobility_list_query_count_does_not_grow(client, stay, django_assert_max_num_queries):
    mobility, _student, sending, *_ = stay
    client.force_login(sending)
    client.get("/mobility/mobilities/")
    with django_assert_max_num_queries(8) as one:
        client.get("/mobility/mobilities/")
    for _n in range(2):
        MobilityFactory(sending=mobility.sending)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get("/mobility/mobilities/")

    assert len(response.context["mobilities"]) == 3


def _api(client, user, method, url, body=None):
    token = api_token_create(user=user, name="t")[1]
    call = getattr(client, method)
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if body is not None:
        kwargs.update(data=body, content_type="application/json")
    return call(url, **kwargs)


def test_api_the_whole_learning_agreement_by_its_three_sides(client, stay):
    mobility, student, sending, receiving, _outsider = stay

    proposed = _api(
        client,
        student,
        "post",
        f"/api/v1/mobility/mobilities/{mobility.pk}/learning-agreement",
        {"components": [LINE]},
    )
    pk = proposed.json()["id"]
    _api(
        client,
        student,
        "post",
        f"/api/v1/mobility/learning-agreements/{pk}/signatures",
        {"side": "student"},
    )
    _api(
        client,
        sending,
        "post",
        f"/api/v1/mobility/learning-agreements/{pk}/signatures",
        {"side": "sending"},
    )
    answer = _api(
        client,
        receiving,
        "post",
        f"/api/v1/mobility/learning-agreements/{pk}/answer",
        {"approve": True},
    )
    detail = _api(client, student, "get", f"/api/v1/mobility/mobilities/{mobility.pk}")

    assert proposed.status_code == 201
    assert answer.json()["agreed"] is True
    assert [v["number"] for v in detail.json()["learning_agreement"]] == [1]


def test_api_the_sending_office_cannot_approve_for_the_host(client, stay):
    mobility, student, sending, _receiving, outsider = stay
    version = services.la_propose(mobility=mobility, components=[LINE], by=student)
    url = f"/api/v1/mobility/learning-agreements/{version.pk}/answer"
    before = Snapshot(LearningAgreementVersion)

    by_sending = _api(client, sending, "post", url, {"approve": True})
    by_outsider = _api(client, outsider, "post", url, {"approve": True})
    propose_by_outsider = _api(
        client,
        outsider,
        "post",
        f"/api/v1/mobility/mobilities/{mobility.pk}/learning-agreement",
        {"components": [LINE]},
    )
    sign_by_outsider = _api(
        client,
        outsider,
        "post",
        f"/api/v1/mobility/learning-agreements/{version.pk}/signatures",
        {"side": "sending"},
    )

    assert by_sending.status_code == 403
    assert (by_outsider.status_code, propose_by_outsider.status_code) == (404, 404)
    assert sign_by_outsider.status_code == 404
    assert before.unchanged()


def test_api_a_student_lists_only_their_own_stays(client, stay):
    mobility, student, *_ = stay
    MobilityFactory()

    response = _api(client, student, "get", "/api/v1/mobility/mobilities")

    assert [m["id"] for m in response.json()["items"]] == [mobility.pk]


def test_a_change_drops_a_prefilled_course_with_its_remove_box(client, stay):
    mobility, student, sending, receiving, _outsider = stay
    second = {**LINE, "code": "ORG-2", "title": "Орган"}
    version = services.la_propose(mobility=mobility, components=[LINE, second], by=student)
    services.la_sign(version=version, by=student, side="student")
    services.la_sign(version=version, by=sending, side="sending")
    services.la_receiving_answer(version=version, by=receiving, approve=True)
    client.force_login(student)
    form = client.get(f"/mobility/mobilities/{mobility.pk}/learning-agreement/")
    assert [f.initial["code"] for f in form.context["formset"].initial_forms] == [
        "PIANO-1",
        "ORG-2",
    ]

    data = formset_post([LINE, {**second, "DELETE": "on"}])
    data["form-INITIAL_FORMS"] = "2"
    client.post(f"/mobility/mobilities/{mobility.pk}/learning-agreement/", data)

    change = mobility.la_versions.get(number=2)
    assert [c["code"] for c in change.components] == ["PIANO-1"]
