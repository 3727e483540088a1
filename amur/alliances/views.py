# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import csv
import difflib
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amur.alliances import selectors, services
from amur.alliances.enums import Category, MembershipStatus
from amur.alliances.models import Alliance, Body, ConstitutionVersion, Membership, Vote
from amur.core.i18n import localised, localised_text
from amur.core.permissions import ADMIN, check, organisations_where
from amur.directory.models import Organisation


def alliance_list(request):
    alliances = Alliance.objects.select_related("secretariat").order_by("name_en")
    return render(request, "alliances/alliance_list.html", {"alliances": alliances})


def _bar(title, pairs):
    return {
        "title": {"text": title, "textStyle": {"fontSize": 14}},
        "tooltip": {},
        "grid": {"left": 160},
        "xAxis": {"type": "value"},
        "yAxis": {"type": "category", "data": [str(k) for k, _v in pairs][::-1]},
        "series": [{"type": "bar", "data": [v for _k, v in pairs][::-1]}],
    }


def alliance_detail(request, slug: str):
    alliance = get_object_or_404(Alliance.objects.select_related("secretariat"), slug=slug)
    breakdown = selectors.membership_breakdown(alliance)
    charts = {
        "chart-kind": _bar(_("By kind of institution"), breakdown["by"]["kind"]),
        "chart-region": _bar(_("By province or region"), breakdown["by"]["region"]),
        "chart-sector": _bar(_("By sector"), breakdown["by"]["sector"]),
        "chart-growth": {
            "title": {"text": _("Growth"), "textStyle": {"fontSize": 14}},
            "tooltip": {},
            "xAxis": {"type": "category", "data": [y for y, _n in breakdown["growth"]]},
            "yAxis": {"type": "value"},
            "series": [{"type": "line", "data": [n for _y, n in breakdown["growth"]]}],
        },
        "chart-map": {
            "title": {"text": _("Members by place"), "textStyle": {"fontSize": 14}},
            "tooltip": {},
            "xAxis": {"type": "value", "min": 25, "max": 140, "name": "lon"},
            "yAxis": {"type": "value", "min": 15, "max": 65, "name": "lat"},
            "series": [{"type": "scatter", "data": breakdown["map"], "symbolSize": 14}],
        },
    }
    constitution = alliance.constitution.first()
    my_orgs = organisations_where(request.user, ADMIN) if request.user.is_authenticated else []
    return render(
        request,
        "alliances/alliance_detail.html",
        {
            "alliance": alliance,
            "members": selectors.members_active(alliance),
            "prospective": alliance.memberships.filter(category=Category.PROSPECTIVE).count(),
            "breakdown": breakdown,
            "charts": charts,
            "bodies": alliance.bodies.all(),
            "constitution": constitution,
            "votes": alliance.votes.exclude(status="draft"),
            "can_manage": request.user.has_perm("alliances.manage_alliance", alliance),
            "apply_orgs": Organisation.objects.filter(pk__in=my_orgs),
            "my_memberships": alliance.memberships.filter(
                organisation_id__in=my_orgs
            ).prefetch_related("history"),
        },
    )


def members_export(request, slug: str):
    """Members as CSV (default) or XLSX (?format=xlsx): category, kind, country, region, year."""
    alliance = get_object_or_404(Alliance, slug=slug)
    header = ["organisation", "category", "kind", "sector", "country", "region", "joined"]
    rows = []
    for m in selectors.members_active(alliance):
        place = m.organisation.place
        region = place.parent if place.parent and place.kind != "region" else place
        rows.append([
            localised_text(m.organisation, "name"), m.get_category_display(),
            m.organisation.get_kind_display(), m.organisation.get_sector_display(),
            place.country_code, localised_text(region, "name"),
            m.joined_on.isoformat() if m.joined_on else "",
        ])  # fmt: skip
    if request.GET.get("format") == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "members"
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{alliance.slug}-members.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{alliance.slug}-members.csv"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@login_required
@require_POST
def membership_apply(request, slug: str):
    alliance = get_object_or_404(Alliance, slug=slug)
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
    check(request.user, "alliances.apply_membership", organisation)
    category = request.POST.get("category", Category.MEMBER)
    if category not in Category.values:
        category = Category.MEMBER
    try:
        services.membership_apply(
            alliance=alliance, organisation=organisation, category=category, by=request.user,
            text=request.POST.get("text", ""),
        )  # fmt: skip
        messages.success(request, _("Your application was sent to the secretariat."))
    except services.AlliancesError as exc:
        messages.error(request, str(exc))
    return redirect("alliances:detail", slug=alliance.slug)


@login_required
def review_queue(request, slug: str):
    alliance = get_object_or_404(Alliance, slug=slug)
    check(request.user, "alliances.manage_alliance", alliance)
    pending = alliance.memberships.exclude(
        status__in=[MembershipStatus.ACTIVE, MembershipStatus.REJECTED, MembershipStatus.WITHDRAWN,
                    MembershipStatus.EXPELLED]
    ).select_related("organisation").prefetch_related("history")  # fmt: skip
    return render(
        request,
        "alliances/review_queue.html",
        {"alliance": alliance, "pending": pending, "statuses": MembershipStatus.choices},
    )


@login_required
@require_POST
def membership_decide(request, slug: str, pk: int):
    alliance = get_object_or_404(Alliance, slug=slug)
    check(request.user, "alliances.manage_alliance", alliance)
    membership = get_object_or_404(Membership, pk=pk, alliance=alliance)
    try:
        services.membership_transition(
            membership=membership, to=request.POST.get("to", ""), by=request.user,
            reason=request.POST.get("reason", ""),
        )  # fmt: skip
        messages.success(request, _("Decision recorded."))
    except (services.AlliancesError, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect("alliances:review", slug=alliance.slug)


def body_detail(request, slug: str, pk: int):
    body = get_object_or_404(Body.objects.select_related("alliance"), pk=pk, alliance__slug=slug)
    positions = body.positions.prefetch_related("mandates__person", "mandates__organisation")
    return render(request, "alliances/body_detail.html", {"body": body, "positions": positions})


def constitution(request, slug: str):
    alliance = get_object_or_404(Alliance, slug=slug)
    versions = list(alliance.constitution.all())
    left = request.GET.get("a")
    right = request.GET.get("b")
    comparison = None
    if left and right:
        a = get_object_or_404(ConstitutionVersion, alliance=alliance, number=left)
        b = get_object_or_404(ConstitutionVersion, alliance=alliance, number=right)
        comparison = {
            "a": a,
            "b": b,
            "table": difflib.HtmlDiff(wrapcolumn=60).make_table(
                localised(a, "text").text.splitlines(),
                localised(b, "text").text.splitlines(),
                f"v{a.number}",
                f"v{b.number}",
            ),
        }
    shown = versions[0] if versions else None
    if request.GET.get("v"):
        shown = get_object_or_404(ConstitutionVersion, alliance=alliance, number=request.GET["v"])
    return render(
        request,
        "alliances/constitution.html",
        {"alliance": alliance, "versions": versions, "shown": shown, "comparison": comparison},
    )


def vote_detail(request, slug: str, pk: int):
    vote = get_object_or_404(Vote.objects.select_related("alliance"), pk=pk, alliance__slug=slug)
    verified = None
    if request.GET.get("receipt"):
        verified = services.receipt_verify(vote=vote, code=request.GET["receipt"])
    return render(
        request,
        "alliances/vote_detail.html",
        {
            "vote": vote,
            "options": vote.options.all(),
            "results": vote.result if services.vote_results_visible(vote) else None,
            "verified": verified,
        },
    )


@login_required
@require_POST
def ballot_cast(request, slug: str, pk: int):
    vote = get_object_or_404(Vote, pk=pk, alliance__slug=slug)
    choices = request.POST.getlist("choice")
    if request.POST.get("abstain"):
        choices = []
    try:
        code = services.ballot_cast(vote=vote, user=request.user, choices=choices)
    except services.AlliancesError as exc:
        messages.error(request, str(exc))
        return redirect("alliances:vote", slug=slug, pk=pk)
    return render(request, "alliances/receipt.html", {"vote": vote, "code": code})


@login_required
@require_POST
def vote_close(request, slug: str, pk: int):
    vote = get_object_or_404(Vote, pk=pk, alliance__slug=slug)
    check(request.user, "alliances.manage_alliance", vote)
    try:
        services.vote_close(vote=vote, by=request.user)
    except services.AlliancesError as exc:
        messages.error(request, str(exc))
    return redirect("alliances:vote", slug=slug, pk=pk)


def membership_certificate(request, slug: str, pk: int):
    """A certificate for an active member; public, like the member list it confirms."""
    from amur.alliances.certificates import membership_certificate_pdf

    membership = get_object_or_404(
        Membership.objects.select_related("alliance", "organisation"),
        pk=pk, alliance__slug=slug, status=MembershipStatus.ACTIVE,
    )  # fmt: skip
    response = HttpResponse(membership_certificate_pdf(membership), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="membership-{membership.pk}.pdf"'
    return response
