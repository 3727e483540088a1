# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pages of the forum: editions, the call, submissions, review, decisions, programme."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amur.core import phrases
from amur.core.errors import DomainError, refusals_shown
from amur.core.exports import table_response
from amur.core.i18n import content_language, localised_text
from amur.core.permissions import check
from amur.forum import assignment, outputs, scoring, selectors, services
from amur.forum.forms import DecisionForm, ReviewForm, SubmissionForm, VersionForm
from amur.forum.levels import label
from amur.forum.models import Reviewer, Submission


def _times(edition, moment) -> dict:
    """A moment in the reader's zone, the venue's and the Russian host's."""
    zones = [timezone.get_current_timezone_name(), edition.event.timezone, edition.second_timezone]
    shown, seen = [], set()
    for name in zones:
        if name in seen:
            continue
        seen.add(name)
        local = timezone.localtime(moment, zoneinfo.ZoneInfo(name))
        shown.append({"zone": name, "time": local.strftime("%Y-%m-%d %H:%M")})
    return {"iso": moment.isoformat(), "zones": shown}


def index(request):
    editions = selectors.editions_visible_to(request.user).order_by("-year", "id")
    return render(request, "forum/index.html", {"editions": editions})


def edition_detail(request, slug: str):
    edition = selectors.edition_get_for(request.user, slug=slug)
    mine = []
    if request.user.is_authenticated:
        mine = Submission.objects.filter(edition=edition, author=request.user).select_related(
            "track"
        )
    context = {
        "edition": edition,
        "tracks": edition.tracks.select_related("field"),
        "committee": edition.committee.select_related("person", "track"),
        "opens": _times(edition, edition.cfp_opens),
        "closes": _times(edition, edition.cfp_closes),
        "translation_due": _times(edition, edition.translation_due),
        "open": edition.cfp_opens <= timezone.now() <= edition.cfp_closes,
        "mine": mine,
        "can_manage": request.user.has_perm("forum.manage_edition", edition),
        "min_zh": label("zh", edition.min_level_zh),
        "min_ru": label("ru", edition.min_level_ru),
    }
    return render(request, "forum/edition_detail.html", context)


@login_required
def submission_create(request, slug: str):
    edition = selectors.edition_get_for(request.user, slug=slug)
    tracks = list(edition.tracks.all())
    form = SubmissionForm(request.POST or None, tracks=tracks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lang = data["language"]
        track = next(t for t in tracks if t.key == data["track"])
        try:
            submission = services.submission_create(
                edition=edition,
                track=track,
                kind=data["kind"],
                author=request.user,
                author_person=services.person_for_user(request.user),
                language=lang,
                texts={
                    f"title_{lang}": data["title"],
                    f"abstract_{lang}": data["abstract"],
                    f"keywords_{lang}": data["keywords"],
                },
                submit=bool(request.POST.get("submit_now")),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:  # the model's limits, checked by the service
            form.add_error(None, exc.messages)
        else:
            messages.success(request, phrases.SAVED)
            return redirect("forum:submission", pk=submission.pk)
    return render(
        request,
        "forum/submission_form.html",
        {"edition": edition, "form": form, "closes": _times(edition, edition.cfp_closes)},
        status=400 if form.errors else 200,
    )


def _submission_context(request, submission: Submission) -> dict:
    user = request.user
    edition = submission.edition
    can_reviews = user.has_perm("forum.view_reviews", submission)
    assignments = list(
        submission.assignments.select_related("reviewer__person", "review").order_by("id")
    )
    own_assignment = next((a for a in assignments if a.reviewer.person.user_id == user.pk), None)
    is_author = user.has_perm("forum.change_submission", submission)
    reviews = [a.review for a in assignments if hasattr(a, "review") and a.review.submitted_at]
    versions = selectors.versions_for(user, submission)
    wanted = content_language()
    heading = next((v.title for v in versions if v.language == wanted and v.title), "") or next(
        (v.title for v in versions if v.title), ""
    )
    return {
        "submission": submission,
        "edition": edition,
        "heading": heading,
        "versions": versions,
        "authors": selectors.authors_for(user, submission),
        "show_authors": user.has_perm("forum.view_authors", submission),
        "leaks": selectors.identity_leaks(submission) if (is_author or can_reviews) else {},
        "assignments": assignments if can_reviews else [],
        "explain": [
            (a, [assignment.explanation_text(i) for i in a.explanation]) for a in assignments
        ]
        if can_reviews
        else [],
        "reviews": reviews
        if (can_reviews or is_author or edition.reviewers_see_each_other)
        else [],
        "reviewer_names": can_reviews,
        "own_assignment": own_assignment,
        "is_author": is_author,
        "can_propose": user.has_perm("forum.propose_decision", submission),
        "can_sign_off": user.has_perm("forum.sign_off", submission),
        "can_manage": user.has_perm("forum.manage_edition", edition),
        "conflicts": selectors.conflicts_of(submission) if can_reviews else [],
        "decision_form": DecisionForm(),
        "version_form": VersionForm(initial={"language": submission.other_language}),
        "pool": Reviewer.objects.filter(track=submission.track).select_related("person")
        if user.has_perm("forum.manage_edition", edition)
        else [],
        "tracks": edition.tracks.all(),
    }


@login_required
def submission_detail(request, pk: int):
    submission = selectors.submission_get_for(request.user, pk=pk)
    return render(request, "forum/submission_detail.html", _submission_context(request, submission))


@login_required
@require_POST
def submission_action(request, pk: int, action: str):
    """The author submits, withdraws or confirms; a reviewer declares a conflict."""
    submission = selectors.submission_get_for(request.user, pk=pk)
    with refusals_shown(request):
        if action == "conflict":
            check(request.user, "forum.review_submission", submission)
            services.conflict_declare(
                submission=submission,
                person=services.person_for_user(request.user),
                detail=request.POST.get("detail", ""),
                by=request.user,
            )
            messages.success(request, phrases.SAVED)
            return redirect("forum:edition", slug=submission.edition.slug)
        check(request.user, "forum.change_submission", submission)
        if action == "submit":
            services.submission_submit(submission=submission, by=request.user)
        elif action == "withdraw":
            services.submission_withdraw(submission=submission, by=request.user)
        elif action == "confirm":
            services.speaker_confirm(submission=submission, by=request.user)
        else:
            raise Http404
        messages.success(request, phrases.SAVED)
    return redirect("forum:submission", pk=submission.pk)


@login_required
@require_POST
def version_set(request, pk: int):
    from amur.directory.models import Person

    submission = selectors.submission_get_for(request.user, pk=pk)
    check(request.user, "forum.change_submission", submission)
    form = VersionForm(request.POST)
    if not form.is_valid():  # a person's id that is not a number
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("forum:submission", pk=pk)
    data = form.cleaned_data
    person = Person.objects.filter(pk=data["person"]).first() if data["person"] else None
    with refusals_shown(request):
        services.version_set(
            submission=submission,
            language=data["language"],
            origin=data["origin"],
            person=person,
            by=request.user,
            texts={
                "title": data["title"],
                "abstract": data["abstract"],
                "keywords": data["keywords"],
            },
        )
        messages.success(request, phrases.SAVED)
    return redirect("forum:submission", pk=pk)


@login_required
def review(request, pk: int):
    submission = selectors.submission_get_for(request.user, pk=pk)
    check(request.user, "forum.review_submission", submission)
    own = selectors.own_assignment_get_for(request.user, submission=submission)
    categories = list(own.reviewer.track.categories.all())
    existing = getattr(own, "review", None) if hasattr(own, "review") else None
    initial = {}
    if existing:
        initial = {f"score_{k}": v for k, v in existing.scores.items()}
        initial.update(
            language_quality=existing.language_quality,
            comment=existing.comment,
            confidential=existing.confidential,
        )
    form = ReviewForm(request.POST or None, categories=categories, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusals_shown(request):
            services.review_save(
                assignment=own,
                by=request.user,
                scores={
                    c.key: data[f"score_{c.key}"]
                    for c in categories
                    if data[f"score_{c.key}"] is not None
                },
                language_quality=data["language_quality"],
                comment=data["comment"],
                confidential=data["confidential"],
                submit=bool(request.POST.get("submit_review")),
            )
            messages.success(request, phrases.SAVED)
            return redirect("forum:submission", pk=pk)
    context = _submission_context(request, submission)
    context.update(form=form, own=own, existing=existing)
    return render(request, "forum/review_form.html", context)


@login_required
@require_POST
def decide(request, pk: int):
    submission = selectors.submission_get_for(request.user, pk=pk)
    check(request.user, "forum.propose_decision", submission)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        track = submission.edition.tracks.filter(key=data["track"]).first()
        related = Submission.objects.filter(pk=data["related"] or 0).first()
        with refusals_shown(request):
            services.decision_propose(
                submission=submission,
                decision=data["decision"],
                by=request.user,
                track=track,
                related=related,
            )
            messages.success(request, phrases.SAVED)
    return redirect("forum:submission", pk=pk)


@login_required
@require_POST
def sign_off(request, pk: int):
    submission = selectors.submission_get_for(request.user, pk=pk)
    check(request.user, "forum.sign_off", submission)
    with refusals_shown(request):
        services.decision_sign_off(submission=submission, by=request.user)
        messages.success(request, phrases.SAVED)
    return redirect("forum:submission", pk=pk)


@login_required
@require_POST
def assignment_set(request, pk: int):
    submission = selectors.submission_get_for(request.user, pk=pk)
    check(request.user, "forum.manage_edition", submission.edition)
    with refusals_shown(request):
        if request.POST.get("remove"):
            a = selectors.assignment_get_for(
                request.user, submission=submission, pk=request.POST["remove"]
            )
            assignment.assignment_remove(assignment=a, by=request.user)
        else:
            reviewer = selectors.reviewer_get_for(
                request.user, submission=submission, pk=request.POST.get("reviewer") or 0
            )
            assignment.assignment_set(submission=submission, reviewer=reviewer, by=request.user)
        messages.success(request, phrases.SAVED)
    return redirect("forum:submission", pk=pk)


@login_required
def manage(request, slug: str):
    """The chair's desk: submissions by track, leaks, assignment, ranking."""
    edition = selectors.edition_get_for(request.user, slug=slug)
    check(request.user, "forum.manage_edition", edition)
    tracks = []
    for track in edition.tracks.all():
        ranked = scoring.ranking(edition, track)
        tracks.append({"track": track, "ranked": ranked})
    causes = request.session.pop("forum_causes", [])
    if request.GET.get("format") in ("csv", "xlsx"):
        return _ranking_export(edition, tracks, request.GET["format"])
    return render(
        request,
        "forum/manage.html",
        {
            "edition": edition,
            "tracks": tracks,
            "causes": causes,
            "programme_conflicts": outputs.programme_conflicts(edition),
        },
    )


def _ranking_export(edition, tracks, fmt: str):
    """Rankings without author names: what a blind committee may circulate."""
    header = [_("Track"), _("Rank"), "ID", _("Title"), _("Status"), _("Raw mean"), _("Normalised")]
    rows = []
    for item in tracks:
        for rank, (s, row) in enumerate(item["ranked"], 1):
            rows.append(
                [
                    localised_text(item["track"], "title"),
                    rank,
                    s.pk,
                    localised_text(s, "title"),
                    s.get_status_display(),
                    "" if row.raw_mean is None else round(row.raw_mean, 3),
                    "" if row.z_mean is None else round(row.z_mean, 3),
                ]
            )
    return table_response(f"ranking-{edition.slug}", header, rows, fmt)


@login_required
@require_POST
def assign(request, slug: str):
    edition = selectors.edition_get_for(request.user, slug=slug)
    check(request.user, "forum.manage_edition", edition)
    outcomes = assignment.assign_edition(edition, by=request.user)
    causes = [cause for o in outcomes.values() for cause in o.causes]
    if causes:
        request.session["forum_causes"] = causes
        messages.error(request, _("Some tracks could not be assigned; the causes are listed."))
    else:
        messages.success(request, _("Reviewers assigned."))
    return redirect("forum:manage", slug=slug)


@login_required
@require_POST
def publish(request, slug: str):
    edition = selectors.edition_get_for(request.user, slug=slug)
    check(request.user, "forum.manage_edition", edition)
    with refusals_shown(request):
        count = outputs.proceedings_publish(edition=edition, by=request.user)
        messages.success(
            request, _("%(count)d papers are in the union catalogue.") % {"count": count}
        )
    return redirect("forum:manage", slug=slug)


def programme(request, slug: str):
    edition = selectors.edition_get_for(request.user, slug=slug)
    sessions = outputs.programme_rows(edition)
    can_manage = request.user.has_perm("forum.manage_edition", edition)
    return render(
        request,
        "forum/programme.html",
        {
            "edition": edition,
            "sessions": sessions,
            "can_manage": can_manage,
            "conflicts": outputs.programme_conflicts(edition) if can_manage else [],
        },
    )


def programme_ics(request, slug: str):
    edition = selectors.edition_get_for(request.user, slug=slug)
    response = HttpResponse(outputs.programme_ics(edition), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}.ics"'
    return response


def abstracts_pdf(request, slug: str):
    edition = selectors.edition_get_for(request.user, slug=slug)
    order = "cyrillic" if request.GET.get("order") == "cyrillic" else "pinyin"
    response = HttpResponse(
        outputs.book_of_abstracts(edition, order=order), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="abstracts-{edition.slug}-{order}.pdf"'
    return response
