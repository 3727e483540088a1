# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Files written by a transaction that rolled back (issue 12, part 7): the file system takes
no part in the transaction, so `amur media_sweep` deletes the files no row names once they
are an hour old, and leaves alone what rows name and what was written a moment ago."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from amur.competitions import services
from amur.competitions.models import Document
from tests.competitions.files import image_bytes, pdf_bytes, upload
from tests.factories.competitions import ContestantFactory
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contestant():
    return ContestantFactory(status="draft", user=UserFactory())


def _store(contestant, kind, name, content):
    return services.document_upload(
        contestant=contestant, kind=kind, upload=upload(name, content), by=contestant.user
    )


def _store_then_fail(contestant):
    with transaction.atomic():
        _store(contestant, "cv", "cv.pdf", pdf_bytes())
        raise RuntimeError("a later step of the same operation fails")


def _files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _age(hours: float) -> None:
    """Make every file under MEDIA_ROOT look written ``hours`` ago."""
    then = time.time() - hours * 3600
    for name in _files():
        os.utime(Path(settings.MEDIA_ROOT) / name, (then, then))


def _sweep(*args) -> str:
    out = StringIO()
    call_command("media_sweep", *args, stdout=out)
    return out.getvalue()


def test_a_rolled_back_upload_leaves_a_file_that_the_sweep_deletes(contestant):
    kept = _store(contestant, "photo", "me.png", image_bytes("PNG"))
    with pytest.raises(RuntimeError):
        _store_then_fail(contestant)
    left_behind = sorted(set(_files()) - {kept.file.name})
    _age(hours=2)

    output = _sweep()

    assert Document.objects.get().kind == "photo"
    assert len(left_behind) == 1
    assert left_behind[0].endswith("/cv.pdf")
    assert _files() == [kept.file.name]
    assert output.splitlines() == [left_behind[0], "1 file(s) named by no row deleted"]
    assert not (Path(settings.MEDIA_ROOT) / left_behind[0]).parent.exists()


def test_a_file_written_within_the_hour_is_left_alone(contestant):
    with pytest.raises(RuntimeError):
        _store_then_fail(contestant)
    _age(hours=0.5)
    before = _files()

    _sweep()

    assert len(before) == 1
    assert _files() == before


def test_a_dry_run_deletes_nothing(contestant):
    with pytest.raises(RuntimeError):
        _store_then_fail(contestant)
    _age(hours=2)
    before = _files()

    output = _sweep("--dry-run")

    assert _files() == before
    assert output.splitlines() == [*before, "1 file(s) named by no row would be deleted"]
