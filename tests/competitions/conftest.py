# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded documents go to a fresh folder per test, never to var/media.
    settings.MEDIA_ROOT = tmp_path / "media"
