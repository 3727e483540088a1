# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Issue 12, part 3: deleting an account removes personal data and keeps the figures."""

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from amur.accounts.models import ApiToken, OrganisationRole, Profile
from amur.accounts.services import api_token_create
from amur.competitions import services as competitions
from amur.competitions.models import Contestant
from amur.competitions.models import Document as ContestantDocument
from amur.core.audit import audit_record
from amur.core.mail import mail_queue
from amur.core.models import AuditEntry, OutgoingMail
from amur.directory.models import Affiliation, Person
from amur.events.models import Registration
from amur.library.models import PatronRequest
from amur.mobility.enums import ApplicationDocumentKind
from amur.mobility.models import Application, ApplicationDocument
from amur.mobility.services import application_document_add
from amur.observatory.selectors import Slice
from amur.observatory.summary import dashboard_for
from amur.talent.models import Profile as TalentProfile
from tests.competitions.files import image_bytes, pdf_bytes, upload
from tests.factories.competitions import ContestantFactory
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.factories.events import EventFactory, ModeFactory
from tests.factories.library import RecordFactory
from tests.factories.mobility import ApplicationFactory
from tests.factories.talent import ProfileFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a long Amur river 2026"
HERS = ["olga@example.org", "olga_li", "李长妮", "Li Changni", "Ли Чанни", "Olga", "Lee"]


@pytest.fixture
def olga():
    """A user with a profile, a role, a token, her own directory record with an
    affiliation, and registrations to events made with her e-mail."""
    user = UserFactory(
        username="olga_li",
        email="olga@example.org",
        first_name="Olga",
        last_name="Lee",
        password=PASSWORD,
        language="ru",
    )
    organisation = OrganisationFactory()
    give_role(user, organisation, "admin")
    api_token_create(user=user, name="laptop")
    person = PersonFactory(email="olga@example.org", user=user, bio_en="Pianist from Harbin.")
    Affiliation.objects.create(person=person, organisation=organisation, role_en="lecturer")
    for _ in range(2):
        mode = ModeFactory(event=EventFactory(host=organisation))
        Registration.objects.create(
            event=mode.event,
            mode=mode,
            name="Li Changni",
            email="Olga@example.org",
            status="confirmed",
        )
        Registration.objects.create(
            event=mode.event,
            mode=mode,
            name="Иван Петров",
            email="ivan@example.org",
            status="confirmed",
        )
    return user


def figures():
    cache.clear()
    cards, _findings = dashboard_for(Slice(), AnonymousUser())
    return [(c.key, c.value, c.n, c.rows) for c in cards]


def rows_mentioning(needles, models):
    found = []
    for model in models:
        for row in model.objects.values():
            text = " ".join(str(v) for v in row.values())
            found += [(model.__name__, n) for n in needles if n in text]
    return found


def account_and_directory_models():
    return [
        get_user_model(),
        *apps.get_app_config("accounts").get_models(),
        *apps.get_app_config("directory").get_models(),
    ]


def test_deleting_an_account_asks_for_the_password(client, olga):
    client.force_login(olga)

    page = client.get("/accounts/delete/")
    refused = client.post("/accounts/delete/", {"password": "not my password"})

    olga.refresh_from_db()
    assert page.status_code == 200
    assert refused.status_code == 200
    assert "The password is not correct." in refused.content.decode()
    assert olga.email == "olga@example.org"
    assert olga.is_active


def test_deleted_account_leaves_no_personal_data_in_accounts_and_directory(client, olga):
    client.force_login(olga)
    assert rows_mentioning(HERS, account_and_directory_models()) != []

    response = client.post("/accounts/delete/", {"password": PASSWORD})

    assert response.status_code == 200
    assert rows_mentioning(HERS, account_and_directory_models()) == []
    assert rows_mentioning(HERS, [Registration]) == []
    assert not OrganisationRole.objects.filter(user=olga).exists()
    assert not ApiToken.objects.filter(user=olga).exists()
    assert not Profile.objects.filter(user=olga).exists()


def test_deleting_an_account_keeps_the_observatorys_figures(client, olga):
    client.force_login(olga)
    before = figures()
    assert sum(n for _key, _value, n, _rows in before) > 0

    client.post("/accounts/delete/", {"password": PASSWORD})

    assert figures() == before
    assert Person.objects.count() == 1
    assert Affiliation.objects.count() == 1
    assert Registration.objects.count() == 4


def test_a_deleted_account_is_logged_out_and_cannot_log_in_again(client, olga):
    client.force_login(olga)

    client.post("/accounts/delete/", {"password": PASSWORD})
    profile = client.get("/accounts/profile/")
    login = client.post("/accounts/login/", {"username": "olga_li", "password": PASSWORD})

    olga.refresh_from_db()
    assert profile.status_code == 302
    assert "_auth_user_id" not in client.session
    assert login.status_code == 200
    assert not olga.is_active
    assert not olga.has_usable_password()


def test_other_peoples_records_are_untouched(client, olga):
    namesake = PersonFactory(email="li.changni@example.cn")
    client.force_login(olga)

    client.post("/accounts/delete/", {"password": PASSWORD})

    namesake.refresh_from_db()
    assert (namesake.name, namesake.email) == ("李长妮", "li.changni@example.cn")
    assert sorted(Registration.objects.values_list("name", flat=True)) == [
        "Иван Петров",
        "Иван Петров",
        "—",
        "—",
    ]


@pytest.fixture
def olga_elsewhere(olga):
    """Olga's records in the other apps: a competition application with an identity
    document, a mobility application with a transcript, a talent profile, a reader's
    request to a library, and the audit entries about them."""
    person = Person.objects.get(user=olga)
    contestant = ContestantFactory(
        user=olga, status="draft", name="李长妮", name_latin="Li Changni", nationality="CN"
    )
    contestant.teachers = [{"name": "Olga's teacher Lee", "from": 2019, "to": 2024}]
    contestant.save()
    competition_file = competitions.document_upload(
        contestant=contestant,
        kind="identity",
        upload=upload("passport.png", image_bytes("PNG")),
        by=olga,
    ).file.path
    application = ApplicationFactory(
        applicant=olga, name="Li Changni", motivation="Olga wants to study in Harbin."
    )
    mobility_file = application_document_add(
        application=application,
        kind=ApplicationDocumentKind.values[0],
        upload=upload("transcript.pdf", pdf_bytes()),
    ).file.path
    ProfileFactory(person=person, headline_en="Olga Lee, pianist")
    PatronRequest.objects.create(
        reader=olga,
        library=OrganisationFactory(kind="library"),
        record=RecordFactory(),
        note="For Olga Lee, please.",
    )
    audit_record(actor=olga, action="test.apply", obj=application, new={"name": "Li Changni"})
    # Mail the server did not take yet: one to her, one to someone else.
    mail_queue(to=["Olga@example.org"], subject="Li Changni", body="…")
    mail_queue(to=["ivan@example.org"], subject="Иван Петров", body="…")
    return olga, [Path(competition_file), Path(mobility_file)]


def other_apps_models():
    return [
        Contestant,
        ContestantDocument,
        Application,
        ApplicationDocument,
        TalentProfile,
        PatronRequest,
        AuditEntry,
        OutgoingMail,
    ]


def test_deleting_an_account_anonymises_the_records_in_the_other_apps(
    client, olga_elsewhere, django_capture_on_commit_callbacks
):
    olga, files = olga_elsewhere
    client.force_login(olga)
    found_before = rows_mentioning(HERS, other_apps_models())
    counts_before = [m.objects.count() for m in (Contestant, Application, TalentProfile)]
    figures_before = figures()

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/delete/", {"password": PASSWORD})

    assert {model for model, _needle in found_before} == {
        "Contestant",
        "Application",
        "Profile",
        "PatronRequest",
        "AuditEntry",
        "OutgoingMail",
    }
    assert rows_mentioning(HERS, other_apps_models()) == []
    assert [m.objects.count() for m in (Contestant, Application, TalentProfile)] == counts_before
    assert figures() == figures_before
    assert ContestantDocument.objects.count() == 0
    assert ApplicationDocument.objects.count() == 0
    assert [f.exists() for f in files] == [False, False]
    assert AuditEntry.objects.get(action="test.apply").actor == olga
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == [["ivan@example.org"]]
