# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""An international office keeps its agreements and their cooperation conditions itself:
the owner's editors change them, partners read them, nobody else writes."""

from datetime import date

import pytest

from amur.accounts.services import api_token_create
from amur.mobility import services
from amur.mobility.models import Agreement, Condition
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.mobility import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    harbin, petersburg, herzen = (OrganisationFactory() for _ in range(3))
    editor, partner_editor = UserFactory(username="editor"), UserFactory(username="partner")
    give_role(editor, harbin, "editor")
    give_role(partner_editor, petersburg, "editor")
    agreement = AgreementFactory(owner=harbin, title_ru="Меморандум о сотрудничестве")
    agreement.partners.set([harbin, petersburg])
    return agreement, harbin, petersburg, herzen, editor, partner_editor


def condition(agreement, by, sending, receiving, year="2026/2027", **extra):
    return services.condition_save(
        by=by,
        agreement=agreement,
        sending=sending,
        receiving=receiving,
        academic_year=year,
        **extra,
    )


def bearer(user) -> str:
    return f"Bearer {api_token_create(user=user, name='t')[1]}"


# Services --------------------------------------------------------------------------------


def test_the_owner_is_always_a_partner(scene):
    _agreement, harbin, petersburg, _herzen, editor, _partner = scene

    agreement = services.agreement_save(
        by=editor,
        owner=harbin,
        partners=[petersburg],
        kind="exchange",
        title_zh="交换协议",
        valid_from=date(2026, 9, 1),
        valid_until=date(2031, 8, 31),
        isced_codes="0215, 0114",
    )

    assert set(agreement.partners.all()) == {harbin, petersburg}
    assert (agreement.owner, agreement.isced_codes) == (harbin, "0215 0114")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"partners": []}, "at least one partner"),
        ({"title_en": "", "title_zh": ""}, "title"),
        ({"valid_from": date(2027, 1, 1), "valid_until": date(2026, 1, 1)}, "validity"),
        ({"isced_codes": "music"}, "ISCED-F"),
        ({"kind": "treaty"}, "kind"),
    ],
)
def test_an_invalid_agreement_is_refused(scene, change, message):
    _agreement, harbin, petersburg, _herzen, editor, _partner = scene
    fields = {"partners": [petersburg], "kind": "memorandum", "title_en": "MoU"} | change

    with pytest.raises(services.MobilityError, match=message):
        services.agreement_save(by=editor, owner=harbin, **fields)


def test_a_partners_editor_cannot_change_the_agreement(scene):
    agreement, harbin, petersburg, _herzen, _editor, partner_editor = scene

    with pytest.raises(services.MobilityError):
        services.agreement_save(
            by=partner_editor,
            agreement=agreement,
            owner=harbin,
            partners=[petersburg],
            kind="memorandum",
            title_en="Taken over",
        )

    agreement.refresh_from_db()
    assert agreement.title_en == "Memorandum of cooperation"


def test_a_partner_named_in_a_condition_cannot_be_dropped(scene):
    agreement, harbin, petersburg, herzen, editor, _partner = scene
    condition(agreement, editor, harbin, petersburg)

    with pytest.raises(services.MobilityError, match="cannot be removed"):
        services.agreement_save(
            by=editor,
            agreement=agreement,
            owner=harbin,
            partners=[herzen],
            kind="memorandum",
            title_en="MoU",
        )


def test_a_condition_is_recorded_per_direction_and_year(scene):
    agreement, harbin, petersburg, _herzen, editor, _partner = scene

    made = condition(
        agreement,
        editor,
        petersburg,
        harbin,
        students=3,
        student_months=5,
        staff=1,
        staff_days=10,
        language="zh",
        language_level="HSK4",
        isced_code="0215",
        eqf_level=6,
    )

    assert list(agreement.conditions.values_list("sending", "receiving", "students")) == [
        (petersburg.pk, harbin.pk, 3)
    ]
    assert (made.academic_year, made.language_level, made.eqf_level) == ("2026/2027", "HSK4", 6)


@pytest.mark.parametrize("year", ["2026-2027", "2026/2028", "26/27", "2026/2027 "[:-2]])
def test_an_academic_year_must_read_like_2026_2027(scene, year):
    agreement, harbin, petersburg, _herzen, editor, _partner = scene

    with pytest.raises(services.MobilityError, match="2025/2026"):
        condition(agreement, editor, harbin, petersburg, year=year)


def test_both_sides_of_a_condition_are_distinct_partners(scene):
    agreement, harbin, _petersburg, herzen, editor, _partner = scene

    with pytest.raises(services.MobilityError, match="partners of the agreement"):
        condition(agreement, editor, harbin, herzen)
    with pytest.raises(services.MobilityError, match="differ"):
        condition(agreement, editor, harbin, harbin)
    assert Condition.objects.count() == 0


def test_a_condition_is_changed_and_removed_by_the_owner(scene):
    agreement, harbin, petersburg, _herzen, editor, _partner = scene
    made = condition(agreement, editor, harbin, petersburg, students=2)

    condition(agreement, editor, harbin, petersburg, students=4, condition=made)
    made.refresh_from_db()
    students = made.students
    services.condition_delete(by=editor, condition=made)

    assert students == 4
    assert Condition.objects.count() == 0


# Pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "New agreement"), ("ru", "Новое соглашение"), ("zh-hans", "新建协议")],
)
def test_the_new_agreement_page_speaks_three_languages(client, scene, language, heading):
    *_, editor, _partner = scene
    client.force_login(editor)
    client.cookies["amur_language"] = language

    page = client.get("/mobility/agreements/new/")

    assert page.status_code == 200
    assert heading in page.content.decode()


def test_an_editor_creates_an_agreement_through_the_page(client, scene):
    _agreement, harbin, petersburg, _herzen, editor, _partner = scene
    client.force_login(editor)

    response = client.post(
        "/mobility/agreements/new/",
        {
            "owner": harbin.pk,
            "kind": "exchange",
            "title_ru": "Соглашение об обмене",
            "partners": [petersburg.pk],
            "status": "signed",
            "signed_on": "2026-05-20",
            "valid_from": "2026-09-01",
            "valid_until": "2031-08-31",
            "auto_renewal": "on",
            "signatories": "王院长\nРектор А. А. Иванов",
        },
    )

    created = Agreement.objects.get(title_ru="Соглашение об обмене")
    assert response.status_code == 302
    assert response["Location"] == f"/mobility/agreements/{created.pk}/"
    assert (created.owner, created.auto_renewal, created.status) == (harbin, True, "signed")
    assert set(created.partners.all()) == {harbin, petersburg}


def test_an_editor_cannot_create_for_an_organisation_they_do_not_edit(client, scene):
    _agreement, _harbin, petersburg, herzen, editor, _partner = scene
    client.force_login(editor)

    response = client.post(
        "/mobility/agreements/new/",
        {
            "owner": herzen.pk,
            "kind": "exchange",
            "title_en": "Foreign",
            "partners": [petersburg.pk],
            "status": "draft",
        },
    )

    assert response.status_code == 403  # as through the API: the owner is not theirs
    assert not Agreement.objects.filter(title_en="Foreign").exists()


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_the_owner_edits_and_adds_a_condition_through_the_pages(client, scene, language):
    agreement, harbin, petersburg, _herzen, editor, _partner = scene
    client.force_login(editor)
    client.cookies["amur_language"] = language

    form = client.get(f"/mobility/agreements/{agreement.pk}/edit/")
    client.post(
        f"/mobility/agreements/{agreement.pk}/edit/",
        {
            "owner": harbin.pk,
            "kind": "framework",
            "title_en": "Framework",
            "title_ru": "Рамочное",
            "partners": [petersburg.pk],
            "status": "active",
            "isced_codes": "0215",
        },
    )
    client.post(
        f"/mobility/agreements/{agreement.pk}/conditions/new/",
        {
            "sending": harbin.pk,
            "receiving": petersburg.pk,
            "academic_year": "2026/2027",
            "students": 2,
            "student_months": 10,
            "staff": 0,
            "staff_days": 0,
        },
    )
    detail = client.get(f"/mobility/agreements/{agreement.pk}/")

    agreement.refresh_from_db()
    assert form.status_code == 200
    assert (agreement.kind, agreement.title_ru, agreement.isced_codes) == (
        "framework",
        "Рамочное",
        "0215",
    )
    assert list(agreement.conditions.values_list("students", "student_months")) == [(2, 10)]
    assert "2026/2027" in detail.content.decode()


def test_trainees_and_staff_for_training_are_recorded_on_the_page_and_through_the_api(
    client, scene
):
    agreement, harbin, petersburg, _herzen, editor, _partner = scene
    client.force_login(editor)
    auth = {"HTTP_AUTHORIZATION": bearer(editor), "content_type": "application/json"}

    client.post(
        f"/mobility/agreements/{agreement.pk}/conditions/new/",
        {
            "sending": harbin.pk,
            "receiving": petersburg.pk,
            "academic_year": "2026/2027",
            "students": 0,
            "student_months": 0,
            "staff": 0,
            "staff_days": 0,
            "trainees": 2,
            "trainee_months": 3,
            "training_staff": 1,
            "training_days": 10,
        },
    )
    added = client.post(
        f"/api/v1/mobility/agreements/{agreement.pk}/conditions",
        {
            "sending": petersburg.pk,
            "receiving": harbin.pk,
            "academic_year": "2026/2027",
            "trainees": 4,
            "trainee_months": 2,
        },
        **auth,
    )
    too_many = client.post(
        f"/api/v1/mobility/agreements/{agreement.pk}/conditions",
        {
            "sending": petersburg.pk,
            "receiving": harbin.pk,
            "academic_year": "2027/2028",
            "training_staff": 40000,
        },
        **auth,
    )
    detail = client.get(f"/mobility/agreements/{agreement.pk}/").content.decode()

    assert list(
        agreement.conditions.order_by("id").values_list(
            "trainees", "trainee_months", "training_staff", "training_days"
        )
    ) == [
        (2, 3, 1, 10),
        (4, 2, 0, 0),
    ]
    assert (added.status_code, added.json()["trainees"]) == (201, 4)
    assert too_many.status_code == 409
    assert "999" in too_many.json()["error"]["message"]
    assert "Trainees" in detail


def test_a_wrong_academic_year_is_shown_in_the_page_language(client, scene):
    agreement, harbin, petersburg, _herzen, editor, _partner = scene
    client.force_login(editor)
    client.cookies["amur_language"] = "ru"

    page = client.post(
        f"/mobility/agreements/{agreement.pk}/conditions/new/",
        {
            "sending": harbin.pk,
            "receiving": petersburg.pk,
            "academic_year": "2026-27",
            "students": 1,
            "student_months": 1,
            "staff": 0,
            "staff_days": 0,
        },
    )

    assert page.status_code == 200
    assert "Учебный год записывается как 2025/2026." in page.content.decode()
    assert Condition.objects.count() == 0


def test_a_partner_reads_the_agreement_without_edit_links(client, scene):
    agreement, *_, partner_editor = scene
    client.force_login(partner_editor)

    page = client.get(f"/mobility/agreements/{agreement.pk}/")

    assert page.status_code == 200
    assert page.context["can_change"] is False
    assert client.get(f"/mobility/agreements/{agreement.pk}/edit/").status_code == 403


# API -------------------------------------------------------------------------------------


def test_api_creates_updates_and_manages_conditions(client, scene):
    _agreement, harbin, petersburg, _herzen, editor, _partner = scene
    auth = {"HTTP_AUTHORIZATION": bearer(editor), "content_type": "application/json"}

    created = client.post(
        "/api/v1/mobility/agreements",
        {
            "owner": harbin.pk,
            "kind": "dual_degree",
            "title_zh": "双学位协议",
            "partners": [petersburg.pk],
            "valid_from": "2026-09-01",
        },
        **auth,
    )
    pk = created.json()["id"]
    patched = client.patch(
        f"/api/v1/mobility/agreements/{pk}", {"status": "signed", "auto_renewal": True}, **auth
    )
    added = client.post(
        f"/api/v1/mobility/agreements/{pk}/conditions",
        {
            "sending": petersburg.pk,
            "receiving": harbin.pk,
            "academic_year": "2027/2028",
            "staff": 2,
            "staff_days": 7,
        },
        **auth,
    )
    wrong = client.post(
        f"/api/v1/mobility/agreements/{pk}/conditions",
        {
            "sending": harbin.pk,
            "receiving": harbin.pk,
            "academic_year": "2027/2028",
        },
        **auth,
    )
    removed = client.delete(f"/api/v1/mobility/conditions/{added.json()['id']}", **auth)

    assert created.status_code == 201
    assert created.json()["partners"] == sorted([harbin.pk, petersburg.pk])
    assert (patched.json()["status"], patched.json()["auto_renewal"]) == ("signed", True)
    assert patched.json()["valid_from"] == "2026-09-01"
    assert (added.status_code, added.json()["staff_days"]) == (201, 7)
    assert wrong.status_code == 409
    assert removed.status_code == 204
    assert Condition.objects.count() == 0
