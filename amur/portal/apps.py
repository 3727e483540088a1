# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Pages that read across every module (front door, search, My Amur); it depends on
    all the feature apps and none depends on it."""

    name = "amur.portal"
