# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "amur.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from amur.accounts import services
        from amur.accounts.middleware import two_factor_on_login

        user_logged_in.connect(
            services.remember_time_zone_on_login, dispatch_uid="accounts-time-zone"
        )
        user_logged_in.connect(two_factor_on_login, dispatch_uid="accounts-two-factor")
