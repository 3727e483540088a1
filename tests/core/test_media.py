# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Uploaded files reach visitors only through views that apply their owner's visibility."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from tests.factories.directory import OrganisationFactory

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("debug", [False, True])
def test_media_files_have_no_public_route_even_in_debug(client, debug):
    organisation = OrganisationFactory()
    organisation.logo.save("logo.png", SimpleUploadedFile("logo.png", png()))

    with override_settings(DEBUG=debug):
        direct = client.get(f"/media/{organisation.logo.name}")
    logo = client.get(f"/directory/organisations/{organisation.pk}/logo/")
    page = client.get(f"/directory/organisations/{organisation.pk}/").content.decode()

    assert direct.status_code == 404
    assert b"".join(logo.streaming_content) == png()
    assert f"/directory/organisations/{organisation.pk}/logo/" in page
