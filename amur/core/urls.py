# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from amur.core import views


class FaviconRedirect(RedirectView):
    """The icon's address is looked up per request: at import time the static manifest may not
    exist yet (`amur check --deploy` runs before `collectstatic`)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("core/favicon.svg")


urlpatterns = [
    # Browsers ask for /favicon.ico on pages that name no icon (the API docs, files).
    path("favicon.ico", FaviconRedirect.as_view()),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", views.audit, name="audit"),
    path("mail/", views.mail_failures, name="mail_failures"),
    path("mail/<int:pk>/resend/", views.mail_failure_resend, name="mail_failure_resend"),
]
