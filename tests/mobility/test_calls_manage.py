# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A partner's office opens calls under an agreement and changes them until applications
hold seats; then only the seats may change, never below the seats held."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from amur.accounts.services import api_token_create
from amur.mobility import services
from amur.mobility.models import Call
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.mobility import AgreementFactory, ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    harbin, petersburg, herzen = (OrganisationFactory() for _ in range(3))
    agreement = AgreementFactory(owner=harbin, title_zh="合作备忘录")
    agreement.partners.set([harbin, petersburg])
    office, host_office = UserFactory(username="office"), UserFactory(username="host")
    give_role(office, harbin, "editor")
    give_role(host_office, petersburg, "editor")
    return agreement, harbin, petersburg, herzen, office, host_office


def open_call(agreement, by, sending, host, **extra):
    fields = {
        "kind": "semester",
        "title_ru": "Семестр в Петербурге",
        "seats": 2,
        "deadline": timezone.now() + timedelta(days=30),
        "min_language": "TORFL B1",
    } | extra
    return services.call_save(by=by, agreement=agreement, sending=sending, host=host, **fields)


def test_a_partners_office_opens_a_call_hosted_by_another_partner(scene):
    agreement, harbin, petersburg, _herzen, office, _host = scene

    call = open_call(
        agreement,
        office,
        harbin,
        petersburg,
        weight_grades=Decimal("0.6"),
        weight_language=Decimal("0.4"),
        weight_interview=Decimal("0"),
    )

    assert (call.sending, call.host, call.seats, call.nominated) == (harbin, petersburg, 2, 0)
    assert (call.weight_grades, call.weight_interview) == (Decimal("0.6"), Decimal("0"))


@pytest.mark.parametrize(
    "weights",
    [("0.5", "0.3", "0.3"), ("0.5", "0.3", "0.1"), ("1.2", "-0.2", "0")],
)
def test_weights_must_not_be_negative_and_sum_to_one(scene, weights):
    agreement, harbin, petersburg, _herzen, office, _host = scene
    grades, language, interview = (Decimal(w) for w in weights)

    with pytest.raises(services.MobilityError, match="sum to 1"):
        open_call(
            agreement,
            office,
            harbin,
            petersburg,
            weight_grades=grades,
            weight_language=language,
            weight_interview=interview,
        )
    assert Call.objects.count() == 0


def test_the_host_is_another_partner(scene):
    agreement, harbin, petersburg, herzen, office, _host = scene

    with pytest.raises(services.MobilityError, match="partners of the agreement"):
        open_call(agreement, office, harbin, herzen)
    with pytest.raises(services.MobilityError, match="another partner"):
        open_call(agreement, office, harbin, harbin)
    with pytest.raises(services.MobilityError, match="sending office's editors"):
        open_call(agreement, office, petersburg, harbin)


def test_a_new_call_needs_a_future_deadline(scene):
    agreement, harbin, petersburg, _herzen, office, _host = scene

    with pytest.raises(services.MobilityError, match="future"):
        open_call(agreement, office, harbin, petersburg, deadline=timezone.now())


def test_once_nominated_only_the_seats_change_and_never_below_the_nominated(scene):
    agreement, harbin, petersburg, _herzen, office, _host = scene
    call = open_call(agreement, office, harbin, petersburg, seats=3)
    ApplicationFactory(call=call, status="nominated")
    ApplicationFactory(call=call, status="accepted")
    Call.objects.filter(pk=call.pk).update(nominated=2)
    keep = {n: getattr(call, n) for n in ("kind", "title_ru", "deadline", "min_language")}

    with pytest.raises(services.MobilityError, match="only the number of seats"):
        open_call(
            agreement,
            office,
            harbin,
            petersburg,
            call=call,
            seats=3,
            **(keep | {"min_language": "TORFL B2"}),
        )
    with pytest.raises(services.MobilityError, match="fewer than the 2"):
        open_call(agreement, office, harbin, petersburg, call=call, seats=1, **keep)
    open_call(agreement, office, harbin, petersburg, call=call, seats=2, **keep)

    call.refresh_from_db()
    assert (call.seats, call.min_language, call.nominated) == (2, "TORFL B1", 2)


def test_before_any_nomination_everything_may_change(scene):
    agreement, harbin, petersburg, _herzen, office, _host = scene
    call = open_call(agreement, office, harbin, petersburg)
    ApplicationFactory(call=call, status="submitted")

    open_call(
        agreement,
        office,
        harbin,
        petersburg,
        call=call,
        kind="summer",
        title_ru="Летняя школа",
        seats=5,
        min_language="HSK 4",
    )

    call.refresh_from_db()
    assert (call.kind, call.title_ru, call.seats, call.min_language) == (
        "summer",
        "Летняя школа",
        5,
        "HSK 4",
    )


# Pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Open a call"), ("ru", "Открыть конкурс"), ("zh-hans", "发布招募")],
)
def test_the_open_call_page_speaks_three_languages(client, scene, language, heading):
    agreement, *_, office, _host = scene
    client.force_login(office)
    client.cookies["amur_language"] = language

    page = client.get(f"/mobility/agreements/{agreement.pk}/calls/new/")

    assert page.status_code == 200
    assert heading in page.content.decode()


def test_the_office_opens_and_edits_a_call_through_the_pages(client, scene):
    agreement, harbin, petersburg, _herzen, office, _host = scene
    client.force_login(office)
    client.cookies["amur_language"] = "zh-hans"
    data = {
        "sending": harbin.pk,
        "host": petersburg.pk,
        "kind": "summer",
        "title_zh": "夏令营",
        "seats": 4,
        "deadline": (timezone.now() + timedelta(days=20)).strftime("%Y-%m-%d %H:%M"),
        "min_language": "TORFL A2",
        "weight_grades": "0.4",
        "weight_language": "0.4",
        "weight_interview": "0.2",
    }

    created = client.post(f"/mobility/agreements/{agreement.pk}/calls/new/", data)
    call = Call.objects.get(title_zh="夏令营")
    edited = client.post(f"/mobility/calls/{call.pk}/edit/", data | {"seats": 6})
    wrong = client.post(f"/mobility/calls/{call.pk}/edit/", data | {"weight_interview": "0.5"})

    call.refresh_from_db()
    assert created["Location"] == f"/mobility/calls/{call.pk}/"
    assert edited.status_code == 302
    assert call.seats == 6
    assert "必须" in wrong.content.decode()  # the weights error, in Chinese
    assert call.weight_interview == Decimal("0.2")


def test_the_agreement_page_offers_calls_to_partners_only(client, scene):
    agreement, *_, office, host_office = scene
    outsider = UserFactory(username="outsider")
    pages = {}
    for user in (office, host_office, outsider):
        client.force_login(user)
        pages[user.username] = client.get(f"/mobility/agreements/{agreement.pk}/").context

    assert [pages[n]["can_open_call"] for n in ("office", "host", "outsider")] == [
        True,
        True,
        False,
    ]


# API -------------------------------------------------------------------------------------


def test_api_opens_and_updates_a_call(client, scene):
    agreement, harbin, petersburg, _herzen, office, _host = scene
    token = api_token_create(user=office, name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "content_type": "application/json"}
    body = {
        "sending": harbin.pk,
        "host": petersburg.pk,
        "kind": "internship",
        "title_en": "Intern",
        "seats": 3,
        "deadline": (timezone.now() + timedelta(days=10)).isoformat(),
    }

    created = client.post(f"/api/v1/mobility/agreements/{agreement.pk}/calls", body, **auth)
    pk = created.json()["id"]
    patched = client.patch(f"/api/v1/mobility/calls/{pk}", {"seats": 5}, **auth)
    bad = client.patch(
        f"/api/v1/mobility/calls/{pk}", {"weight_grades": "0.9", "weight_language": "0.3"}, **auth
    )

    assert created.status_code == 201
    assert (created.json()["sending"], created.json()["host"]) == (harbin.pk, petersburg.pk)
    assert (patched.status_code, patched.json()["seats"]) == (200, 5)
    assert bad.status_code == 409
    assert Call.objects.get(pk=pk).weight_grades == Decimal("0.5")


def test_a_call_states_its_eligibility_by_level_and_field():
    from amur.mobility import services
    from amur.mobility.services import MobilityError
    from tests.factories.directory import UserFactory, give_role
    from tests.factories.mobility import CallFactory

    call = CallFactory()
    editor = UserFactory()
    give_role(editor, call.sending, "editor")
    call.agreement.partners.set([call.sending, call.host])
    base = {
        "by": editor,
        "agreement": call.agreement,
        "sending": call.sending,
        "call": call,
        "host": call.host,
        "kind": call.kind,
        "seats": call.seats,
        "deadline": call.deadline,
        "title_en": call.title_en,
    }

    services.call_save(**base, eqf_level=7, isced_code="0215")
    with pytest.raises(MobilityError, match="EQF"):
        services.call_save(**base, eqf_level=9)
    with pytest.raises(MobilityError, match="ISCED"):
        services.call_save(**base, isced_code="music")

    call.refresh_from_db()
    assert (call.eqf_level, call.isced_code) == (7, "0215")
