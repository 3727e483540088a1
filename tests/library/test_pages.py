# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree

from amur.library import services
from amur.library.models import ImportJob, Record
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture
def rusmarc():
    return (DATA / "marcrecord_rusmarc_12.xml").read_bytes()


def test_librarian_uploads_and_the_background_import_shows_its_counts(client, rusmarc):
    c = cast()
    client.force_login(c.editor_a)

    response = client.post(
        "/library/imports/new/",
        {"library": c.org_a.pk, "file": SimpleUploadedFile("r.xml", rusmarc)},
        follow=True,
    )

    job = ImportJob.objects.get()
    assert (job.status, job.read, job.imported, job.rejected) == ("done", 12, 12, 0)
    assert "12 read, 12 new, 0 updated, 0 rejected" in response.content.decode()


def test_librarian_of_b_cannot_import_into_a_or_see_its_jobs(client, rusmarc):
    c = cast()
    job = ImportJob.objects.create(library=c.org_a, filename="x", source_format="marcxml")
    client.force_login(c.editor_b)
    before = Snapshot(Record)

    upload = client.post(
        "/library/imports/new/",
        {"library": c.org_a.pk, "file": SimpleUploadedFile("r.xml", rusmarc)},
    )
    progress = client.get(f"/library/imports/{job.pk}/")

    assert denied(upload)
    assert denied(progress)
    assert before.unchanged()


def test_anonymous_cannot_import(client, rusmarc):
    response = client.post("/library/imports/new/", {"file": SimpleUploadedFile("r.xml", rusmarc)})

    assert asks_to_log_in(response)


def test_record_page_shows_original_script_and_exports_marcxml(client):
    c = cast()
    data = (DATA / "lc_booksall2016p01_chi_rus_subset.mrc").read_bytes()
    services.import_run(
        job=services.import_job_create(library=c.org_a, filename="lc.mrc", data=data), data=data
    )
    record = Record.objects.get(title="Tou dai zhi ying kui")

    page = client.get(f"/library/records/{record.pk}/").content.decode()
    xml = client.get(f"/library/records/{record.pk}/marcxml").content

    assert "頭戴之硬盔" in page
    assert "Tou dai zhi ying kui" in page
    assert etree.fromstring(xml).tag.endswith("record")


def test_catalogue_search_in_russian(client):
    c = cast()
    data = (DATA / "marcrecord_rusmarc_12.xml").read_bytes()
    services.import_run(
        job=services.import_job_create(library=c.org_a, filename="r.xml", data=data), data=data
    )

    response = client.get("/library/", {"q": "Славникова"})

    assert [r.title for r in response.context["page"]] == ["Любовь в седьмом вагоне"]
