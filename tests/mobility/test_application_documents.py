# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Applicants apply with documents, on the page and through the API; a refused document
keeps nothing; the applicant and the offices read them, nobody else."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from amur.accounts.services import api_token_create
from amur.mobility.models import Application, ApplicationDocument
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.mobility import CallFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), (0, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_applicant_applies_with_documents_that_the_offices_can_read(client):
    call = CallFactory()
    student, sending, host, outsider = (UserFactory() for _ in range(4))
    give_role(sending, call.sending, "editor")
    give_role(host, call.host, "editor")
    give_role(outsider, OrganisationFactory(), "editor")
    client.force_login(student)

    client.post(
        f"/mobility/calls/{call.pk}/apply/",
        {
            "name": "Анна Иванова",
            "grade_mark": "88",
            "document_transcript": SimpleUploadedFile("grades.pdf", PDF),
            "document_language": SimpleUploadedFile("hsk.png", png()),
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )

    application = Application.objects.get()
    documents = {d.kind: d for d in application.documents.all()}
    assert application.status == "submitted"
    assert {k: d.extension for k, d in documents.items()} == {
        "transcript": "pdf",
        "language": "png",
    }
    url = f"/mobility/application-documents/{documents['transcript'].pk}/"
    for reader in (student, sending, host):
        client.force_login(reader)
        assert b"".join(client.get(url).streaming_content) == PDF
    client.force_login(sending)
    assert url in client.get(f"/mobility/calls/{call.pk}/").content.decode()
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_a_document_that_is_not_what_it_claims_keeps_no_application(client):
    call = CallFactory()
    client.force_login(UserFactory())

    page = client.post(
        f"/mobility/calls/{call.pk}/apply/",
        {
            "name": "Li Wei",
            "document_cv": SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf"),
        },
        follow=True,
    ).content.decode()

    assert "cv.pdf" in page
    assert "is not a PDF / JPEG / PNG file" in page
    assert not Application.objects.exists()
    assert not ApplicationDocument.objects.exists()


def test_applying_through_the_api_with_documents(client):
    call = CallFactory()
    student = UserFactory()
    token = api_token_create(user=student, name="t")[1]
    url = f"/api/v1/mobility/calls/{call.pk}/applications"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    form = {
        "name": "王伟",
        "grade_mark": "91.5",
        "language": "zh-hans",
        "document_cv": SimpleUploadedFile("cv.pdf", PDF),
    }
    created = client.post(url, form, **auth)
    again = client.post(url, {"name": "王伟"}, **auth)
    anonymous = client.post(url, {"name": "x"})

    assert created.status_code == 201
    assert created.json()["status"] == "submitted"
    application = Application.objects.get()
    assert (application.language, str(application.grade_mark)) == ("zh-hans", "91.50")
    assert application.documents.get().kind == "cv"
    assert again.status_code == 409
    assert anonymous.status_code == 401


def test_the_host_office_accepts_a_nominated_application_on_the_call_page(client):
    from amur.mobility import services

    call = CallFactory()
    sending, host = UserFactory(), UserFactory()
    give_role(sending, call.sending, "editor")
    give_role(host, call.host, "editor")
    application = services.application_apply(
        call=call, user=UserFactory(), name="Анна", language="ru"
    )
    for step in ("eligible", "ranked", "nominated"):
        services.application_transition(application=application, to=step, by=sending)
    client.force_login(host)

    page = client.get(f"/mobility/calls/{call.pk}/").content.decode()
    client.post(f"/mobility/applications/{application.pk}/step/", {"to": "accepted"})

    application.refresh_from_db()
    assert 'value="accepted"' in page
    assert application.status == "accepted"
