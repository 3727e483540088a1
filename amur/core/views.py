# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import logging
import sys

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from amur.core.audit import AUDIT_COLUMNS, audit_entries, audit_rows
from amur.core.exports import FORMATS, table_response
from amur.core.mail import mail_resend, mails_failed
from amur.core.permissions import check

log = logging.getLogger(__name__)


def request_nav(request):
    from amur.core.context_processors import shell

    return shell(request)["amur_nav"]


def module_placeholder(request, *, title):
    """The landing page of a module whose pages have not been built yet."""
    return render(request, "core/module_placeholder.html", {"title": title})


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers; 503 naming the dependency that does not.  The driver's
    message (host, port, user) goes to the log, never to the caller."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        log.exception("healthz: the database does not answer")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


DATABASE_DOWN = (OperationalError, InterfaceError)


def server_error(request):
    """``handler500``: a database that does not answer is a 503 with a page in the reader's
    language saying so (the platform recovers by itself once it answers again: connections
    are health-checked at each request); anything else is a 500.  Both pages are rendered
    without the request's context, which would need the database."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        html = render_to_string("core/503.html", {"language": get_language()})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "60"
        return response
    html = render_to_string("core/500.html", {"language": get_language()})
    return HttpResponse(html, status=500)


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False, max_length=100)
    object_type = forms.CharField(label=_("Kind of record"), required=False, max_length=100)
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@login_required
def audit(request):
    """The audit trail for platform staff: filter, page through, download as CSV or XLSX."""
    check(request.user, "core.view_audit")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(**{k: v for k, v in filters.items() if v})
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return table_response("amur-audit", AUDIT_COLUMNS, audit_rows(entries), fmt)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit.html",
        {
            "form": form,
            "page": Paginator(entries, 50).get_page(request.GET.get("page")),
            "query": query.urlencode(),
        },
    )


@login_required
def mail_failures(request):
    """E-mails given up on after the last try, with the mail server's error, for staff."""
    check(request.user, "core.view_mail")
    return render(
        request,
        "core/mail_failures.html",
        {"page": Paginator(mails_failed(), 50).get_page(request.GET.get("page")), "query": ""},
    )


@login_required
@require_POST
def mail_failure_resend(request, pk: int):
    check(request.user, "core.resend_mail")
    mail_resend(mail=get_object_or_404(mails_failed(), pk=pk), by=request.user)
    messages.success(request, _("The e-mail is queued again."))
    return redirect("mail_failures")
