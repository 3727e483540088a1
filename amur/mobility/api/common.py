# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lookups shared by the mobility API's topics."""

from django.utils.translation import gettext as _

from amur.core.api import (
    ApiError,
    require_perm,
    require_user,
)
from amur.directory.models import Organisation
from amur.mobility import selectors


def mobility_for(request, pk: int, permission: str):
    """A stay the user may see (else 404) on which they hold ``permission`` (else 403)."""
    require_user(request)
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    require_perm(request, permission, mobility)
    return mobility


def version_for(request, pk: int, permission: str):
    require_user(request)
    version = selectors.la_version_get_for(request.user, pk=pk)
    mobility = version.mobility
    require_perm(request, permission, mobility)
    return version


def organisations_by_pk(pks: list[int]) -> list:
    found = list(Organisation.objects.filter(pk__in=pks))
    if len(found) != len(set(pks)):
        raise ApiError(404, "not_found", _("Unknown organisation."))
    return found
