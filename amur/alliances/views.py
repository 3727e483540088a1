# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import difflib
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amur.alliances import selectors, services
from amur.alliances.enums import Category, MembershipStatus
from amur.alliances.forms import CandidateForm, DuesForm, TallyForm, TellersForm, VoteForm
from amur.alliances.models import (
    Alliance,
    Dues,
    Mandate,
    Tally,
)
from amur.core.errors import refusals_shown
from amur.core.exports import FORMATS, table_response
from amur.core.i18n import localised, localised_text
from amur.core.pagecache import public_page
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


# Statuses in which an organisation has nothing to apply for any more.
PENDING_OR_MEMBER = [
    MembershipStatus.APPLIED,
    MembershipStatus.UNDER_REVIEW,
    MembershipStatus.VOTING,
    MembershipStatus.ACTIVE,
    MembershipStatus.SUSPENDED,
]


@public_page("alliances", "directory", "core")
def alliance_detail(request, slug: str):
    alliance = selectors.alliance_get_for(request.user, slug=slug)
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
            "founders": alliance.founders.all(),
            **_members_page(request, alliance),
            "prospective": alliance.memberships.filter(category=Category.PROSPECTIVE).count(),
            "breakdown": breakdown,
            "charts": charts,
            "bodies": alliance.bodies.all(),
            "constitution": constitution,
            "votes": alliance.votes.exclude(status="draft"),
            "can_manage": request.user.has_perm("alliances.manage_alliance", alliance),
            # An organisation that applied or belongs no longer sees the form, only its
            # membership's status below.
            "apply_orgs": Organisation.objects.filter(pk__in=my_orgs).exclude(
                pk__in=alliance.memberships.filter(status__in=PENDING_OR_MEMBER).values(
                    "organisation_id"
                )
            ),
            "acts_for_none": request.user.is_authenticated and not my_orgs,
            "my_memberships": alliance.memberships.filter(
                organisation_id__in=my_orgs
            ).prefetch_related("history", "dues"),
        },
    )


MEMBERS_PER_PAGE = 25


def _members_page(request, alliance: Alliance) -> dict:
    """One page of the member list, filtered by the query string (153 members do not fit
    one screen); the filters stay in the URL so that a view can be shared."""
    wanted = {key: request.GET.get(key, "").strip() for key in ("q", "category", "country")}
    if wanted["category"] not in Category.values:
        wanted["category"] = ""
    members = selectors.members_listed(alliance, **wanted)
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "members": page,
        "members_filter": wanted,
        "members_query": urlencode({k: v for k, v in wanted.items() if v}),
        "member_categories": Category.choices,
        "member_countries": sorted(
            selectors.members_active(alliance)
            .exclude(organisation__place=None)
            .order_by()
            .values_list("organisation__place__country_code", flat=True)
            .distinct()
        ),
    }


def alliance_logo(request, slug: str):
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    if not alliance.logo:
        raise Http404
    return FileResponse(alliance.logo.open("rb"))


def breakdown_export(request, slug: str, fmt: str):
    """The secretariat's report: active members counted by each dimension, and growth."""
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    breakdown = selectors.membership_breakdown(alliance)
    rows = [
        [dimension, "" if value is None else value, count]
        for dimension, pairs in breakdown["by"].items()
        for value, count in pairs
    ]
    rows += [["members_total_by_year", year, total] for year, total in breakdown["growth"]]
    return table_response(f"{slug}-report", ["dimension", "value", "members"], rows, fmt)


def members_export(request, slug: str):
    """Members as CSV (default) or XLSX (?format=xlsx): category, kind, country, region, year."""
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    header = ["organisation", "category", "kind", "sector", "country", "region", "joined"]
    rows = []
    for m in selectors.members_active(alliance):
        place = m.organisation.place
        region = place.parent if place.parent and place.kind != "region" else place
        rows.append(
            [
                localised_text(m.organisation, "name"),
                m.get_category_display(),
                m.organisation.get_kind_display(),
                m.organisation.get_sector_display(),
                place.country_code,
                localised_text(region, "name"),
                m.joined_on.isoformat() if m.joined_on else "",
            ]
        )
    fmt = request.GET.get("format", "csv")
    return table_response(f"{alliance.slug}-members", header, rows, fmt)


@login_required
@require_POST
def membership_apply(request, slug: str):
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
    check(request.user, "alliances.apply_membership", organisation)
    category = request.POST.get("category", Category.MEMBER)
    with refusals_shown(request):
        services.membership_apply(
            alliance=alliance,
            organisation=organisation,
            category=category,
            by=request.user,
            text=request.POST.get("text", ""),
            document=request.FILES.get("document"),
        )
        messages.success(request, _("Your application was sent to the secretariat."))
    return redirect("alliances:detail", slug=alliance.slug)


@login_required
def review_queue(request, slug: str):
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    check(request.user, "alliances.manage_alliance", alliance)
    pending = (
        alliance.memberships.exclude(
            status__in=[
                MembershipStatus.ACTIVE,
                MembershipStatus.REJECTED,
                MembershipStatus.WITHDRAWN,
                MembershipStatus.EXPELLED,
            ]
        )
        .select_related("organisation")
        .prefetch_related("history")
    )
    return render(
        request,
        "alliances/review_queue.html",
        {"alliance": alliance, "pending": pending, "statuses": MembershipStatus.choices},
    )


@login_required
@require_POST
def membership_decide(request, slug: str, pk: int):
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    check(request.user, "alliances.manage_alliance", alliance)
    membership = selectors.membership_get_for(request.user, slug=alliance.slug, pk=pk)
    try:
        services.membership_transition(
            membership=membership,
            to=request.POST.get("to", ""),
            by=request.user,
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("Decision recorded."))
    except (services.AlliancesError, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect("alliances:review", slug=alliance.slug)


def body_detail(request, slug: str, pk: int):
    body = selectors.body_get_for(request.user, slug=slug, pk=pk)
    positions = body.positions.prefetch_related("mandates__person", "mandates__organisation")
    return render(request, "alliances/body_detail.html", {"body": body, "positions": positions})


def constitution(request, slug: str):
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    versions = list(alliance.constitution.all())
    left = request.GET.get("a")
    right = request.GET.get("b")
    comparison = None
    if left and right:
        a = selectors.constitution_version_get_for(request.user, alliance=alliance, number=left)
        b = selectors.constitution_version_get_for(request.user, alliance=alliance, number=right)
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
        shown = selectors.constitution_version_get_for(
            request.user, alliance=alliance, number=request.GET["v"]
        )
    return render(
        request,
        "alliances/constitution.html",
        {"alliance": alliance, "versions": versions, "shown": shown, "comparison": comparison},
    )


def vote_detail(request, slug: str, pk: int):
    vote = selectors.vote_get_for(request.user, slug=slug, pk=pk)
    verified = None
    if request.GET.get("receipt"):
        verified = services.receipt_verify(vote=vote, code=request.GET["receipt"])
    options = list(vote.options.all())
    results = vote.result if services.vote_results_visible(vote) else None
    labels = {o.key: localised_text(o, "label") for o in options}
    return render(
        request,
        "alliances/vote_detail.html",
        {
            "vote": vote,
            "options": options,
            "results": results,
            "result_rows": [(labels.get(k, k), n) for k, n in results["counts"].items()]
            if results
            else [],
            "elected": [labels.get(k, k) for k in results.get("elected", [])] if results else [],
            "tied": [labels.get(k, k) for k in results.get("tied", [])] if results else [],
            "verified": verified,
            "can_manage": request.user.has_perm("alliances.manage_alliance", vote),
        },
    )


@login_required
@require_POST
def ballot_cast(request, slug: str, pk: int):
    vote = selectors.vote_get_for(request.user, slug=slug, pk=pk)
    choices = request.POST.getlist("choice")
    if request.POST.get("abstain"):
        choices = []
    with refusals_shown(request):
        code = services.ballot_cast(vote=vote, user=request.user, choices=choices)
        return render(request, "alliances/receipt.html", {"vote": vote, "code": code})
    return redirect("alliances:vote", slug=slug, pk=pk)


@login_required
@require_POST
def vote_close(request, slug: str, pk: int):
    vote = selectors.vote_get_for(request.user, slug=slug, pk=pk)
    check(request.user, "alliances.manage_alliance", vote)
    with refusals_shown(request):
        services.vote_close(vote=vote, by=request.user)
    return redirect("alliances:vote", slug=slug, pk=pk)


@login_required
def membership_document(request, slug: str, pk: int):
    """The application document: for the secretariat and the applying organisation only."""
    membership = selectors.membership_get_for(request.user, slug=slug, pk=pk)
    user = request.user
    if not (
        user.has_perm("alliances.manage_alliance", membership.alliance)
        or user.has_perm("alliances.apply_membership", membership.organisation)
    ):
        raise PermissionDenied
    if not membership.document:
        raise Http404
    return FileResponse(
        membership.document.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"application-{membership.pk}.pdf",
    )


def membership_certificate(request, slug: str, pk: int):
    """A certificate for an active member; public, like the member list it confirms."""
    from amur.alliances.certificates import membership_certificate_pdf

    membership = selectors.membership_get_for(request.user, slug=slug, pk=pk)
    if membership.status != MembershipStatus.ACTIVE:
        raise Http404
    response = HttpResponse(membership_certificate_pdf(membership), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="membership-{membership.pk}.pdf"'
    return response


# Secretariat: votes ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def vote_create(request, slug: str):
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    check(request.user, "alliances.manage_alliance", alliance)
    form = VoteForm(request.POST or None, alliance=alliance)
    if request.method == "POST" and form.is_valid():
        try:
            vote = services.vote_create(alliance=alliance, by=request.user, **form.cleaned_data)
        except (services.AlliancesError, ValidationError) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("The vote is prepared as a draft."))
            return redirect("alliances:vote_manage", slug=slug, pk=vote.pk)
    return render(request, "alliances/vote_form.html", {"alliance": alliance, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def vote_manage(request, slug: str, pk: int):
    """A draft vote's candidates and tellers; opening it; the list of all votes."""
    vote = selectors.vote_get_for(request.user, slug=slug, pk=pk)
    check(request.user, "alliances.manage_alliance", vote)
    alliance = vote.alliance
    candidate_form = CandidateForm(
        request.POST if request.POST.get("form") == "candidate" else None, alliance=alliance
    )
    tellers_form = TellersForm(
        request.POST if request.POST.get("form") == "tellers" else None,
        alliance=alliance,
        initial={"tellers": vote.tellers.all()},
    )
    with refusals_shown(request):
        if request.method == "POST" and request.POST.get("form") == "candidate":
            if candidate_form.is_valid():
                services.vote_candidate_add(
                    vote=vote, by=request.user, **candidate_form.cleaned_data
                )
                messages.success(request, _("Candidate added."))
                return redirect("alliances:vote_manage", slug=slug, pk=pk)
        elif request.method == "POST" and request.POST.get("form") == "tellers":
            if tellers_form.is_valid():
                services.vote_tellers_set(
                    vote=vote, tellers=list(tellers_form.cleaned_data["tellers"]), by=request.user
                )
                messages.success(request, _("Tellers saved."))
                return redirect("alliances:vote_manage", slug=slug, pk=pk)
        elif request.method == "POST" and request.POST.get("form") == "open":
            services.vote_open(vote=vote, by=request.user)
            messages.success(request, _("The vote is open."))
            return redirect("alliances:vote_manage", slug=slug, pk=pk)
    return render(
        request,
        "alliances/vote_manage.html",
        {
            "vote": vote,
            "options": vote.options.select_related("candidate", "organisation"),
            "tellers": vote.tellers.all(),
            "candidate_form": candidate_form,
            "tellers_form": tellers_form,
            "participations": vote.participations.count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vote_tally(request, slug: str, pk: int):
    """Tellers of an in-person vote: one enters the counts, two others confirm them."""
    vote = selectors.vote_get_for(request.user, slug=slug, pk=pk)
    check(request.user, "alliances.view_tally", vote)
    tally = Tally.objects.filter(vote=vote).first()
    form = TallyForm(request.POST if request.POST.get("form") == "enter" else None, vote=vote)
    with refusals_shown(request):
        if request.method == "POST" and request.POST.get("form") == "enter" and form.is_valid():
            services.tally_enter(
                vote=vote,
                teller=request.user,
                counts=form.counts(),
                participants=form.cleaned_data["participants"],
            )
            messages.success(request, _("Tally entered; two other tellers must confirm it."))
            return redirect("alliances:vote_tally", slug=slug, pk=pk)
        if request.method == "POST" and request.POST.get("form") == "confirm" and tally:
            services.tally_confirm(tally=tally, teller=request.user)
            messages.success(request, _("You confirmed the tally."))
            return redirect("alliances:vote_tally", slug=slug, pk=pk)
    return render(
        request,
        "alliances/tally.html",
        {
            "vote": vote,
            "tally": tally,
            "form": form,
            "confirmations": tally.confirmations.select_related("teller") if tally else [],
            "is_teller": request.user.has_perm("alliances.count_tally", vote),
        },
    )


def vote_results_export(request, slug: str, pk: int, fmt: str):
    """A closed vote's result per option, with turnout, quorum and majority (CSV or XLSX)."""
    vote = selectors.vote_get_for(request.user, slug=slug, pk=pk)
    if not services.vote_results_visible(vote):
        raise Http404
    result = vote.result
    labels = {o.key: localised_text(o, "label") for o in vote.options.all()}
    rows = [
        [labels.get(key, key), key, count, key in result.get("elected", [])]
        for key, count in result["counts"].items()
    ]
    rows.append([_("Abstentions"), "abstain", result["abstentions"], ""])
    rows.append([_("Turnout"), "participants", result["participants"], result["turnout"]])
    rows.append([_("Electorate"), "electorate", result["electorate"], ""])
    rows.append([_("Quorum met"), "quorum_met", "", result["quorum_met"]])
    rows.append([_("Majority met"), "majority_met", "", result["majority_met"]])
    rows.append([_("Adopted / elected"), "adopted", "", result["adopted"]])
    header = ["option", "key", "votes", "elected_or_value"]
    return table_response(f"{slug}-vote-{vote.pk}", header, rows, fmt)


def body_roster_export(request, slug: str, pk: int, fmt: str):
    """Who holds (and held) each position of a body, with terms and the electing vote."""
    body = selectors.body_get_for(request.user, slug=slug, pk=pk)
    header = ["position", "person", "organisation", "from", "until", "vote", "current"]
    today = timezone.localdate()
    rows = [
        [
            localised_text(m.position, "title"),
            str(m.person),
            localised_text(m.organisation, "name") if m.organisation else "",
            m.start.isoformat(),
            m.end.isoformat() if m.end else "",
            m.vote_id or "",
            m.end is None or m.end >= today,
        ]
        for m in Mandate.objects.filter(position__body=body)
        .select_related("position", "person", "organisation")
        .order_by("position__rank", "position_id", "-start")
    ]
    return table_response(f"{slug}-body-{body.pk}-roster", header, rows, fmt)


# Secretariat: dues --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def dues(request, slug: str):
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    check(request.user, "alliances.manage_alliance", alliance)
    form = DuesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        changed = services.dues_set(alliance=alliance, by=request.user, **form.cleaned_data)
        messages.success(request, _("Dues recorded for %(count)s units.") % {"count": changed})
        return redirect("alliances:dues", slug=slug)
    rows = (
        Dues.objects.filter(membership__alliance=alliance)
        .select_related("membership__organisation")
        .order_by("-year", "paid", "membership__organisation__name_en")
    )
    year = request.GET.get("year")
    if year and year.isdigit():
        rows = rows.filter(year=int(year))
    if request.GET.get("format") in FORMATS:
        header = ["organisation", "year", "amount", "currency", "paid", "paid_on"]
        table = [
            [
                localised_text(d.membership.organisation, "name"),
                d.year,
                d.amount,
                d.currency,
                d.paid,
                d.paid_on.isoformat() if d.paid_on else "",
            ]
            for d in rows
        ]
        return table_response(f"{slug}-dues", header, table, request.GET["format"])
    summary = (
        rows.values("year")
        .annotate(
            units=Count("id"),
            paid_units=Count("id", filter=Q(paid=True)),  # not "paid": that is a column
            due=Sum("amount"),
            received=Sum("amount", filter=Q(paid=True)),
        )
        .order_by("-year")
    )
    return render(
        request,
        "alliances/dues.html",
        {"alliance": alliance, "form": form, "rows": rows, "summary": summary, "year": year},
    )


@login_required
@require_POST
def dues_mark(request, slug: str, pk: int):
    row = selectors.dues_get_for(request.user, slug=slug, pk=pk)
    check(request.user, "alliances.manage_alliance", row.membership.alliance)
    services.dues_mark(dues=row, paid=request.POST.get("paid") == "1", by=request.user)
    messages.success(request, _("Saved."))
    return redirect(f"{reverse('alliances:dues', args=[slug])}?year={row.year}")
