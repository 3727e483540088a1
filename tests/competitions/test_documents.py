# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Application documents: type by content, size limit, who may download, required ones."""

from pathlib import Path

import pytest
from django.conf import settings

from amur.accounts.services import api_token_create
from amur.competitions import services
from amur.competitions.models import Document
from tests.competitions.files import image_bytes, pdf_bytes, upload
from tests.factories.competitions import CompetitionFactory, ContestantFactory, DisciplineFactory
from tests.factories.directory import UserFactory
from tests.permissions import cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    c = cast()
    discipline = DisciplineFactory(
        edition__competition=CompetitionFactory(organiser=c.org_a),
        required_documents=["photo", "cv", "identity"],
    )
    contestant = ContestantFactory(discipline=discipline, status="draft", user=UserFactory())
    return c, contestant


def store(contestant, kind, name, content):
    return services.document_upload(
        contestant=contestant, kind=kind, upload=upload(name, content), by=contestant.user
    )


@pytest.mark.parametrize(
    ("kind", "name", "content", "content_type"),
    [
        ("photo", "me.png", image_bytes("PNG"), "image/png"),
        ("photo", "me.jpeg", image_bytes("JPEG"), "image/jpeg"),
        ("cv", "cv.pdf", pdf_bytes(), "application/pdf"),
        ("identity", "passport.jpg", image_bytes("JPEG"), "image/jpeg"),
        ("photo", "named-wrongly.pdf", image_bytes("PNG"), "image/png"),
    ],
)
def test_accepted_files_are_stored_under_media_root_with_the_sniffed_type(
    scene, kind, name, content, content_type
):
    _c, contestant = scene

    document = store(contestant, kind, name, content)

    path = Path(document.file.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT) / "competitions" / "documents")
    assert path.read_bytes() == content
    assert (document.content_type, document.size) == (content_type, len(content))
    assert path.suffix == {"image/png": ".png", "image/jpeg": ".jpg"}.get(content_type, ".pdf")


@pytest.mark.parametrize(
    ("kind", "name", "content", "message"),
    [
        ("cv", "cv.pdf", b"MZ\x90\x00 a Windows program", "not a PDF file"),
        ("photo", "photo.jpg", pdf_bytes(), "not a JPEG / PNG file"),
        ("cv", "cv.pdf", image_bytes("PNG"), "not a PDF file"),
        ("photo", "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40, "damaged"),
        ("cv", "cv.pdf", b"%PDF-1.7\n<< truncated", "not a PDF file"),
        ("identity", "id.png", b"", "empty"),
    ],
)
def test_files_are_judged_by_their_content_not_their_name(scene, kind, name, content, message):
    _c, contestant = scene

    with pytest.raises(services.CompetitionsError, match=message):
        store(contestant, kind, name, content)

    assert Document.objects.count() == 0
    assert not (Path(settings.MEDIA_ROOT) / "competitions").exists()


def test_files_over_the_limit_are_refused(scene, settings):
    _c, contestant = scene
    settings.COMPETITIONS_MAX_UPLOAD_BYTES = 1024
    content = pdf_bytes() + b"%" * 1024

    with pytest.raises(services.CompetitionsError, match=r"the limit is 1\.0.KB"):
        store(contestant, "cv", "cv.pdf", content)

    assert Document.objects.count() == 0


def test_a_new_upload_replaces_the_old_file(scene, django_capture_on_commit_callbacks):
    _c, contestant = scene
    first = store(contestant, "photo", "a.png", image_bytes("PNG"))

    with django_capture_on_commit_callbacks(execute=True):
        second = store(contestant, "photo", "b.jpg", image_bytes("JPEG"))

    assert list(Document.objects.values_list("pk", flat=True)) == [second.pk]
    assert not Path(first.file.path).exists()
    assert Path(second.file.path).exists()


def test_required_documents_are_enforced_at_submission(scene):
    _c, contestant = scene
    store(contestant, "photo", "me.png", image_bytes("PNG"))

    with pytest.raises(services.CompetitionsError) as refused:
        services.contestant_submit(contestant=contestant, by=contestant.user)
    store(contestant, "cv", "cv.pdf", pdf_bytes())
    store(contestant, "identity", "id.pdf", pdf_bytes())
    submitted = services.contestant_submit(contestant=contestant, by=contestant.user)

    assert str(refused.value) == "Missing document: CV. Missing document: Identity document."
    assert submitted.status == "submitted"


def test_upload_through_the_page_and_download_by_the_applicant(client, scene):
    _c, contestant = scene
    client.force_login(contestant.user)
    content = pdf_bytes()

    client.post(
        f"/competitions/applications/{contestant.pk}/documents/",
        {"kind": "cv", "file": upload("Мое резюме.pdf", content)},
    )
    document = Document.objects.get()
    response = client.get(f"/competitions/documents/{document.pk}/")
    body = b"".join(response.streaming_content)
    response.close()

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert body == content


def test_a_refused_upload_shows_the_reason_on_the_page(client, scene):
    _c, contestant = scene
    client.force_login(contestant.user)

    response = client.post(
        f"/competitions/applications/{contestant.pk}/documents/",
        {"kind": "photo", "file": upload("me.jpg", b"GIF89a not allowed")},
        follow=True,
    )

    assert (
        "This file is not a JPEG / PNG file, whatever its name says." in response.content.decode()
    )
    assert Document.objects.count() == 0


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("applicant", True),
        ("editor_a", True),
        ("admin_a", True),
        ("staff", True),
        ("member_a", False),
        ("editor_b", False),
        ("other_applicant", False),
    ],
)
def test_only_the_applicant_and_the_office_download(client, scene, who, allowed):
    c, contestant = scene
    document = store(contestant, "identity", "passport.png", image_bytes("PNG"))
    if who == "applicant":
        user = contestant.user
    elif who == "other_applicant":
        user = ContestantFactory(discipline=contestant.discipline, user=UserFactory()).user
    else:
        user = getattr(c, who)
    client.force_login(user)

    page = client.get(f"/competitions/documents/{document.pk}/")
    api = client.get(f"/api/v1/competitions/documents/{document.pk}", **bearer(user))
    page.close()
    api.close()

    assert (page.status_code, api.status_code) == ((200, 200) if allowed else (404, 404))


def test_anonymous_cannot_download(client, scene):
    _c, contestant = scene
    document = store(contestant, "cv", "cv.pdf", pdf_bytes())

    page = client.get(f"/competitions/documents/{document.pk}/")
    api = client.get(f"/api/v1/competitions/documents/{document.pk}")

    assert page.status_code == 302
    assert api.status_code == 401


def test_upload_through_the_api(client, scene):
    c, contestant = scene
    url = f"/api/v1/competitions/applications/{contestant.pk}/documents/photo"

    good = client.post(
        url, {"file": upload("me.png", image_bytes("PNG"))}, **bearer(contestant.user)
    )
    bad = client.post(url, {"file": upload("me.png", b"<svg/>")}, **bearer(contestant.user))
    outsider = client.post(
        url, {"file": upload("me.png", image_bytes("PNG"))}, **bearer(c.editor_b)
    )

    assert good.status_code == 201
    assert good.json()["content_type"] == "image/png"
    assert bad.status_code == 409
    assert outsider.status_code == 404
    assert Document.objects.count() == 1
