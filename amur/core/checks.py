# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""System checks run by `amur check`."""

from django.core.checks import Warning, register

from amur.core.management.commands.compilemessages_amur import catalogues


@register()
def translations_compiled(app_configs, **kwargs):
    missing = [po for po in catalogues() if not po.with_suffix(".mo").exists()]
    if not missing:
        return []
    return [
        Warning(
            f"{len(missing)} translation catalogue(s) are not compiled, e.g. {missing[0]}",
            hint="Run `amur compilemessages_amur` (`amur up` and `make` do it for you).",
            id="amur.W001",
        )
    ]
