# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The signed texts of an agreement in several languages: added by the owner's editors,
read by the partners' people, judged by their content."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from amur.mobility import services
from amur.mobility.models import AgreementDocument
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.mobility import AgreementFactory
from tests.permissions import Snapshot

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


@pytest.fixture
def agreement():
    owner, partner = OrganisationFactory(), OrganisationFactory()
    agreement = AgreementFactory(owner=owner)
    agreement.partners.set([owner, partner])
    people = {role: UserFactory() for role in ("editor", "partner_member", "outsider")}
    give_role(people["editor"], owner, "editor")
    give_role(people["partner_member"], partner, "member")
    give_role(people["outsider"], OrganisationFactory(), "admin")
    return agreement, people


def test_the_owner_adds_each_language_version_and_partners_read_them(client, agreement):
    agreement, people = agreement
    client.force_login(people["editor"])
    url = f"/mobility/agreements/{agreement.pk}/documents/"

    for language, title in (("zh", "合作备忘录"), ("ru", "Меморандум о сотрудничестве")):
        client.post(
            url, {"language": language, "title": title, "file": SimpleUploadedFile("m.pdf", PDF)}
        )
    refused = client.post(
        url,
        {"language": "en", "title": "Memorandum", "file": SimpleUploadedFile("m.pdf", b"<html>")},
    )

    documents = list(agreement.documents.order_by("language"))
    assert [(d.language, d.title) for d in documents] == [
        ("ru", "Меморандум о сотрудничестве"),
        ("zh", "合作备忘录"),
    ]
    assert "is not a PDF file" in refused.content.decode()
    client.force_login(people["partner_member"])
    detail = client.get(f"/mobility/agreements/{agreement.pk}/").content.decode()
    download = client.get(f"/mobility/agreement-documents/{documents[0].pk}/")
    assert "合作备忘录" in detail
    assert b"".join(download.streaming_content) == PDF


def test_outsiders_neither_read_nor_change_the_signed_texts(client, agreement):
    agreement, people = agreement
    document = services.agreement_document_add(
        agreement=agreement,
        upload=SimpleUploadedFile("m.pdf", PDF),
        language="zh",
        title="合作备忘录",
        by=people["editor"],
    )
    before = Snapshot(AgreementDocument)
    url = f"/mobility/agreements/{agreement.pk}/documents/"
    answers = []
    for who in ("outsider", "partner_member"):
        client.force_login(people[who])
        upload = {"language": "en", "title": "x", "file": SimpleUploadedFile("m.pdf", PDF)}
        answers += [client.post(url, upload), client.post(url, {"delete": document.pk})]
    client.force_login(people["outsider"])
    answers.append(client.get(f"/mobility/agreement-documents/{document.pk}/"))
    detail = client.get(f"/mobility/agreements/{agreement.pk}/").content.decode()
    client.logout()
    anonymous = client.get(f"/mobility/agreement-documents/{document.pk}/")

    assert [a.status_code for a in answers] == [403] * 5
    assert anonymous.status_code == 302
    assert "合作备忘录" not in detail
    assert before.unchanged()


def test_the_owner_removes_a_version(client, agreement):
    agreement, people = agreement
    document = services.agreement_document_add(
        agreement=agreement,
        upload=SimpleUploadedFile("m.pdf", PDF),
        language="ru",
        title="Меморандум",
        by=people["editor"],
    )
    path = document.file.path
    client.force_login(people["editor"])

    client.post(f"/mobility/agreements/{agreement.pk}/documents/", {"delete": document.pk})

    assert not AgreementDocument.objects.exists()
    assert not os.path.exists(path)
