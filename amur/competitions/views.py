# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amur.competitions import documents, exports, integrity, selectors, services
from amur.competitions.enums import TRANSITIONS, ApplicationStatus, DocumentKind
from amur.competitions.forms import DocumentForm, PieceFormSet
from amur.competitions.models import (
    Competition,
    Contestant,
    Edition,
    Juror,
    PrizeAward,
    Round,
    clock,
)
from amur.core.errors import refusals_shown
from amur.core.exports import XLSX, table_response
from amur.core.pagecache import public_page
from amur.core.permissions import check


def index(request):
    competitions = Competition.objects.prefetch_related("editions").select_related("organiser")
    return render(request, "competitions/index.html", {"competitions": competitions})


def edition_detail(request, pk: int):
    edition = selectors.edition_get_for(request.user, pk=pk)
    disciplines = edition.disciplines.prefetch_related("rounds")
    now = timezone.now()
    if edition.applications_open > now:
        applications = "upcoming"
    elif edition.applications_close >= now:
        applications = "open"
    else:
        applications = "closed"
    # A closed edition points to the next one whose applications are still to come.
    next_edition = (
        Edition.objects.filter(competition=edition.competition, applications_close__gte=now)
        .exclude(pk=edition.pk)
        .order_by("applications_open")
        .first()
        if applications == "closed"
        else None
    )
    return render(
        request,
        "competitions/edition_detail.html",
        {
            "edition": edition,
            "disciplines": disciplines,
            "applications": applications,
            "next_edition": next_edition,
            "may_manage": request.user.has_perm("competitions.manage_competition", edition),
        },
    )


def _result_rows(round_: Round):
    jurors = list(Juror.objects.filter(edition=round_.discipline.edition).select_related("person"))
    contestants = {str(c.pk): c for c in Contestant.objects.filter(discipline=round_.discipline)}
    rows = []
    for key, data in sorted(
        (round_.results or {}).get("contestants", {}).items(), key=lambda kv: kv[1]["rank"]
    ):
        rows.append(
            {
                "rank": data["rank"],
                "contestant": contestants[key],
                "stage": data["stage"],
                "total": data["total"],
                "raw": [data["raw"].get(str(j.pk), "") for j in jurors],
                "corrected": [data["corrected"].get(str(j.pk), "") for j in jurors],
                "qualified": int(key) in round_.results.get("qualified", []),
            }
        )
    return jurors, rows


@public_page("competitions", "directory", "core")
def round_results(request, pk: int):
    round_ = selectors.results_round_get_for(request.user, pk=pk)
    export = request.GET.get("format")
    if export in ("xlsx", "pdf"):
        content, content_type = (
            (exports.xlsx_bytes(round_), XLSX)
            if export == "xlsx"
            else (exports.pdf_bytes(round_), "application/pdf")
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="round-{round_.pk}.{export}"'
        return response
    jurors, rows = _result_rows(round_)
    if export == "csv":
        header = ["rank", "number", "contestant", "stage_score", "cumulative", "qualified"]
        table = [
            [
                r["rank"],
                r["contestant"].number,
                r["contestant"].name_latin or r["contestant"].name,
                r["stage"],
                r["total"],
                "yes" if r["qualified"] else "",
            ]
            for r in rows
        ]
        return table_response(f"round-{round_.pk}", header, table)
    return render(
        request,
        "competitions/round_results.html",
        {
            "round": round_,
            "jurors": jurors,
            "rows": rows,
            "tables": round_.discipline.edition.publish_score_tables,
            "integrity": request.user.has_perm("competitions.view_integrity", round_),
            "prizes": PrizeAward.objects.filter(
                allocation__round=round_, allocation__status="accepted"
            ).select_related("contestant"),
        },
    )


@login_required
def jury_sheet(request, pk: int):
    round_ = selectors.jury_round_get_for(request.user, pk=pk)
    juror = Juror.objects.filter(edition=round_.discipline.edition, user=request.user).first()
    if request.method == "POST":
        # The whole sheet or nothing: a refused score leaves the others as they were.
        with refusals_shown(request), transaction.atomic():
            if "submit" in request.POST:
                services.sheet_submit(round_=round_, user=request.user)
            else:
                for contestant in Contestant.objects.filter(discipline=round_.discipline):
                    raw = request.POST.get(f"c{contestant.pk}", "").strip()
                    if raw:
                        services.score_enter(
                            round_=round_, user=request.user, contestant=contestant, value=raw
                        )
            messages.success(request, _("Saved."))
        return redirect("competitions:sheet", pk=round_.pk)
    own = services.sheet_read(round_=round_, user=request.user, juror=juror)
    recused = set(juror.conflicts.values_list("contestant_id", flat=True))
    contestants = [
        {"c": c, "score": own.get(c.pk), "recused": c.pk in recused}
        for c in services.round_cells(round_)
    ]
    return render(
        request,
        "competitions/jury_sheet.html",
        {
            "round": round_,
            "juror": juror,
            "contestants": contestants,
            "submitted": juror.sheets.filter(round=round_, submitted_at__isnull=False).exists(),
        },
    )


@login_required
@require_POST
def round_close(request, pk: int):
    round_ = selectors.round_get_for(request.user, pk=pk)
    with refusals_shown(request):
        services.round_close(round_=round_, by=request.user)
        return redirect("competitions:results", pk=round_.pk)
    return redirect("competitions:sheet", pk=round_.pk)


@login_required
def apply(request, pk: int):
    """The application portal for one discipline (the contestant's own language)."""
    from django.utils import translation

    discipline = selectors.discipline_get_for(request.user, pk=pk)
    mine = Contestant.objects.filter(discipline=discipline, user=request.user).first()
    if request.method == "POST" and mine is None:
        teachers = [
            {"name": line.strip()}
            for line in request.POST.get("teachers", "").splitlines()
            if line.strip()
        ]
        try:
            mine = services.contestant_apply(
                discipline=discipline,
                user=request.user,
                name=request.POST.get("name", "").strip(),
                name_latin=request.POST.get("name_latin", "").strip(),
                nationality=request.POST.get("nationality", "").strip()[:2],
                birth_date=request.POST.get("birth_date", ""),
                teachers=teachers,
                language=translation.get_language(),
            )
        except services.CompetitionsError as exc:
            messages.error(request, str(exc))
            return redirect("competitions:apply", pk=pk)
        messages.success(
            request, _("Your application is saved as a draft: add your programme and submit it.")
        )
        return redirect("competitions:application", pk=mine.pk)
    return render(request, "competitions/apply.html", {"discipline": discipline, "mine": mine})


@login_required
def application(request, pk: int):
    """One application: its programme per round and what still keeps it from submission."""
    contestant = selectors.application_get_for(request.user, pk=pk)
    rounds, every_piece = [], list(contestant.pieces.all())
    for round_ in contestant.discipline.rounds.all():
        pieces = [p for p in every_piece if p.round_id == round_.pk]
        total = sum((p.duration for p in pieces), timedelta(0))
        rounds.append({"round": round_, "pieces": pieces, "total": clock(total) if pieces else ""})
    return render(
        request,
        "competitions/application.html",
        {
            "contestant": contestant,
            "rounds": rounds,
            "document_form": DocumentForm(),
            "documents": list(contestant.documents.all()),
            "upload_limit": documents.max_bytes(),
            "required": [DocumentKind(k).label for k in contestant.discipline.required_documents],
            "gaps": services.application_gaps(contestant)
            if contestant.status == ApplicationStatus.DRAFT
            else [],
            "may_change": request.user.has_perm("competitions.change_application", contestant),
        },
    )


@login_required
def repertoire(request, pk: int, round_pk: int):
    contestant = selectors.application_get_for(request.user, pk=pk)
    round_ = selectors.repertoire_round_get_for(request.user, contestant=contestant, pk=round_pk)
    existing = contestant.pieces.filter(round=round_)
    if request.method == "POST":
        check(request.user, "competitions.change_application", contestant)
        formset = PieceFormSet(request.POST)
        if formset.is_valid():
            pieces = [
                services.PieceData(
                    composer=f.cleaned_data["composer"],
                    work=f.cleaned_data["work"],
                    duration=f.cleaned_data["duration"],
                    video_url=f.cleaned_data["video_url"],
                )
                for f in formset
                if f.has_content()
            ]
            with refusals_shown(request):
                services.repertoire_set(
                    contestant=contestant, round_=round_, pieces=pieces, by=request.user
                )
                messages.success(request, _("Your programme is saved."))
                return redirect("competitions:application", pk=contestant.pk)
    else:
        formset = PieceFormSet(
            initial=[
                {
                    "composer": p.composer,
                    "work": p.work,
                    "duration": p.duration,
                    "video_url": p.video_url,
                }
                for p in existing
            ]
        )
    return render(
        request,
        "competitions/repertoire.html",
        {"contestant": contestant, "round": round_, "formset": formset},
    )


@login_required
@require_POST
def application_submit(request, pk: int):
    contestant = selectors.application_get_for(request.user, pk=pk)
    check(request.user, "competitions.change_application", contestant)
    with refusals_shown(request):
        services.contestant_submit(contestant=contestant, by=request.user)
        messages.success(request, _("Your application was submitted."))
    return redirect("competitions:application", pk=contestant.pk)


@login_required
@require_POST
def document_upload(request, pk: int):
    contestant = selectors.application_get_for(request.user, pk=pk)
    check(request.user, "competitions.change_application", contestant)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("competitions:application", pk=contestant.pk)
    with refusals_shown(request):
        services.document_upload(
            contestant=contestant,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            by=request.user,
        )
        messages.success(request, _("The document is stored."))
    return redirect("competitions:application", pk=contestant.pk)


@login_required
def document_download(request, pk: int):
    """Only the applicant and the organiser's office read a document; others get 404."""
    document = selectors.document_get_for(request.user, pk=pk)
    extension = document.file.name.rsplit(".", 1)[-1]
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        content_type=document.content_type,
        filename=f"{document.contestant.number}-{document.kind}.{extension}",
    )


@login_required
def office(request, pk: int):
    """The organiser's office: applications with fees and statuses, rounds to open or confirm."""
    edition = selectors.edition_get_for(request.user, pk=pk)
    check(request.user, "competitions.manage_competition", edition)
    contestants = (
        Contestant.objects.filter(discipline__edition=edition)
        .select_related("discipline", "fee_paid_by")
        .prefetch_related("documents")
        .order_by("discipline__key", "number")
    )
    rows = [
        {"c": c, "next": [ApplicationStatus(s) for s in sorted(TRANSITIONS[c.status])]}
        for c in contestants
    ]
    rounds = Round.objects.filter(discipline__edition=edition).select_related("discipline")
    return render(
        request, "competitions/office.html", {"edition": edition, "rows": rows, "rounds": rounds}
    )


def _office_application(request, pk: int) -> Contestant:
    contestant = selectors.application_get_for(request.user, pk=pk)
    check(request.user, "competitions.manage_competition", contestant)
    return contestant


@login_required
@require_POST
def fee_paid(request, pk: int):
    contestant = _office_application(request, pk)
    services.fee_mark_paid(
        contestant=contestant, by=request.user, paid=request.POST.get("paid") == "1"
    )
    return redirect("competitions:office", pk=contestant.discipline.edition_id)


@login_required
@require_POST
def application_status(request, pk: int):
    contestant = _office_application(request, pk)
    with refusals_shown(request):
        services.contestant_transition(
            contestant=contestant,
            to=request.POST.get("to", ""),
            by=request.user,
            reason=request.POST.get("reason", ""),
        )
    return redirect("competitions:office", pk=contestant.discipline.edition_id)


@login_required
def round_office(request, pk: int):
    """The proposed qualifiers of a closed round, for the office to confirm."""
    round_ = selectors.round_get_for(request.user, pk=pk)
    check(request.user, "competitions.manage_competition", round_.discipline.edition)
    _jurors, rows = _result_rows(round_) if round_.results else ([], [])
    return render(
        request,
        "competitions/round_office.html",
        {"round": round_, "rows": rows, "qualified": [r for r in rows if r["qualified"]]},
    )


@login_required
@require_POST
def round_office_action(request, pk: int, action: str):
    round_ = selectors.round_get_for(request.user, pk=pk)
    check(request.user, "competitions.manage_competition", round_.discipline.edition)
    act = {"confirm": services.round_confirm, "open": services.round_open}[action]
    with refusals_shown(request):
        act(round_=round_, by=request.user)
        messages.success(request, _("Done."))
    return redirect("competitions:round_office", pk=round_.pk)


@login_required
@require_POST
def reveal_names(request, pk: int):
    """The chair's switch: jurors see contestants by number only until the names are shown."""
    round_ = selectors.jury_round_get_for(request.user, pk=pk)
    with refusals_shown(request):
        services.round_reveal_names(
            round_=round_, by=request.user, revealed=request.POST.get("revealed") == "1"
        )
    return redirect("competitions:sheet", pk=round_.pk)


def _prize_round(request, pk: int):
    """The prizes page is the jury's and the office's; others do not see it."""
    round_ = selectors.prize_round_get_for(request.user, pk=pk)
    juror = Juror.objects.filter(edition=round_.discipline.edition, user=request.user).first()
    return round_, juror


@login_required
def prizes(request, pk: int):
    round_, juror = _prize_round(request, pk)
    allocations = list(
        round_.prize_allocations.select_related("proposed_by").prefetch_related(
            "awards__contestant", "votes__juror__person"
        )
    )
    _jurors, rows = _result_rows(round_) if round_.results else ([], [])
    proposal = services.prize_proposal(round_) if round_.results else {}
    for row in rows:
        row["proposed_place"] = proposal.get(row["contestant"].pk)
    for allocation in allocations:
        allocation.yes = sum(v.approve for v in allocation.votes.all())
        allocation.mine = next(
            (v for v in allocation.votes.all() if juror and v.juror_id == juror.pk), None
        )
    return render(
        request,
        "competitions/prizes.html",
        {
            "round": round_,
            "juror": juror,
            "rows": rows,
            "allocations": allocations,
            "open": any(a.status == "open" for a in allocations),
        },
    )


def _whole(value: str) -> int:
    """A whole number as typed, or 0 (no place) when it is none."""
    try:
        return int(value.strip())
    except ValueError:
        return 0


@login_required
@require_POST
def prize_propose(request, pk: int):
    round_, _juror = _prize_round(request, pk)
    # A blank place is no prize; any other is the service's to judge (a place from 1).
    awards = {
        int(key[6:]): _whole(value)
        for key, value in request.POST.items()
        if key.startswith("place-") and value.strip()
    }
    with refusals_shown(request):
        services.prize_allocation_propose(round_=round_, by=request.user, awards=awards or None)
    return redirect("competitions:prizes", pk=round_.pk)


@login_required
@require_POST
def prize_vote(request, pk: int):
    allocation = selectors.prize_allocation_get_for(request.user, pk=pk)
    with refusals_shown(request):
        if "close" in request.POST:
            services.prize_vote_close(allocation=allocation, by=request.user)
        else:
            services.prize_vote(
                allocation=allocation, user=request.user, approve=request.POST.get("approve") == "1"
            )
    return redirect("competitions:prizes", pk=allocation.round_id)


def _integrity_round(request, pk: int) -> Round:
    """The chair and the office see a round's analysis; everyone once the chair publishes
    it with the results; other jurors never before that (a stranger is not told it exists)."""
    try:
        return selectors.integrity_round_get_for(request.user, pk=pk)
    except Http404:
        if not request.user.is_authenticated:
            return None
        raise


def round_integrity(request, pk: int):
    round_ = _integrity_round(request, pk)
    if round_ is None:
        return redirect_to_login(request.get_full_path())
    found = services.round_audit(round_)
    export = request.GET.get("format")
    if found is not None and export in ("csv", "xlsx"):
        return table_response(
            f"round-{round_.pk}-integrity",
            integrity.HEADER,
            integrity.table(found.audit, found.name),
            export,
        )
    if found is not None and export == "pdf":
        response = HttpResponse(exports.integrity_pdf_bytes(round_, found), "application/pdf")
        response["Content-Disposition"] = f'attachment; filename="round-{round_.pk}-integrity.pdf"'
        return response
    return render(
        request,
        "competitions/round_integrity.html",
        {
            "round": round_,
            "found": found,
            "view": exports.integrity_view(found) if found else None,
            "level": integrity.LEVEL,
            "window": integrity.WINDOW,
            "may_publish": request.user.has_perm("competitions.publish_integrity", round_),
        },
    )


@login_required
@require_POST
def round_integrity_publish(request, pk: int):
    round_ = selectors.integrity_round_get_for(request.user, pk=pk)
    with refusals_shown(request):
        services.round_integrity_publish(
            round_=round_, by=request.user, published=request.POST.get("published") == "1"
        )
    return redirect("competitions:integrity", pk=round_.pk)
