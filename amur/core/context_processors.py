# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import NoReverseMatch, reverse

from amur.core import phrases


def shell(request):
    """Navigation of the page shell; modules whose URLs are not mounted are left out."""
    nav = []
    for name, label in phrases.MODULES:
        try:
            nav.append({"url": reverse(name), "label": label, "name": name})
        except NoReverseMatch:
            continue
    return {"amur_nav": nav}
