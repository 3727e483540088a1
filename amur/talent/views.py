# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pages of the talent pool: profiles under their person's visibility, needs with their
pipeline and explained candidates, tasks from offer to mutual rating, and a person's
matches.  Views are thin: selectors read, services decide, ``rules`` say who may."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from amur.core import phrases
from amur.core.errors import DomainError, refusal_message, refusals_shown
from amur.core.permissions import ADMIN, EDITOR, check, organisations_acting_for
from amur.directory.selectors import organisation_get_for
from amur.resources import selectors as resources_selectors
from amur.talent import matching, selectors, services
from amur.talent.enums import EquivalenceTable, NeedKind, Stage, TaskKind, TaskStatus
from amur.talent.forms import (
    CredentialForm,
    DeclarationForm,
    DeliverForm,
    NeedForm,
    OfferForm,
    PoolSearchForm,
    ProfileForm,
    RateForm,
    ReviewerForm,
    ReviewForm,
    TaskForm,
    TrainingForm,
)
from amur.talent.models import LanguageCredential


def _my_organisations(user):
    """Where ``user`` states needs and tasks (every organisation for staff)."""
    return organisations_acting_for(user, EDITOR).order_by("name_en")


def _administered(user):
    """The organisations whose HSK table ``user`` may choose."""
    return organisations_acting_for(user, ADMIN).order_by("pk")


def index(request):
    """The pool: every profile the visitor may list (never a hidden one)."""
    form = PoolSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    profiles = selectors.profiles_search(
        request.user,
        data.get("q"),
        language=data.get("language") or None,
        min_level=int(data["min_level"]) if data.get("min_level") else None,
        skill=data.get("skill"),
        place=data.get("place"),
    ).prefetch_related("skills")
    page = Paginator(profiles, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "talent/index.html",
        {"form": form, "page": page, "own": selectors.profile_of(request.user)},
    )


def profile_detail(request, pk: int):
    profile = selectors.profile_get_for(request.user, pk=pk)
    return render(
        request,
        "talent/profile_detail.html",
        {
            "profile": profile,
            "credentials": selectors.credentials_of(profile),
            "is_own": request.user.has_perm("talent.change_profile", profile),
            "skills": profile.skills.all(),
            "fields": profile.fields.all(),
        },
    )


@login_required
def duplicates(request):
    """Profiles flagged as probably one person entered twice, for those who merge them."""
    check(request.user, "talent.merge_profiles")
    flagged = selectors.duplicates_flagged(request.user)
    page = Paginator(flagged, 50).get_page(request.GET.get("page"))
    return render(request, "talent/duplicates.html", {"page": page})


@login_required
def profile_merge(request, pk: int):
    """Two profiles side by side, everything each holds; the one chosen is kept and the
    other merged into it (``services.profile_merge`` moves all of it)."""
    check(request.user, "talent.merge_profiles")
    profile = selectors.listed_profile_get_for(request.user, pk=pk)
    other_pk = request.POST.get("with") or request.GET.get("with") or profile.duplicate_of_id
    if not str(other_pk or "").isdigit():
        raise Http404
    other = selectors.listed_profile_get_for(request.user, pk=int(other_pk), exclude=profile)
    status = 200
    if request.method == "POST":
        chosen = {str(profile.pk): (profile, other), str(other.pk): (other, profile)}
        pair = chosen.get(request.POST.get("keep", ""))
        if pair is None:
            messages.error(request, _("Choose which of the two profiles to keep."))
            status = 400
        else:
            keep, drop = pair
            try:
                services.profile_merge(keep=keep, drop=drop, by=request.user)
            except services.TalentError as exc:
                refusal_message(request, exc)
                status = 409
            else:
                messages.success(request, _("The two profiles are merged; nothing was lost."))
                return redirect("talent:profile_detail", pk=keep.pk)
    sides = [(p, selectors.profile_merge_summary(p)) for p in (profile, other)]
    return render(
        request,
        "talent/profile_merge.html",
        {"profile": profile, "other": other, "sides": sides},
        status=status,
    )


@login_required
def profile_edit(request):
    """The person's own profile and credentials; nobody else edits them."""
    from amur.forum.services import person_for_user

    person = person_for_user(request.user)
    profile = selectors.profile_of(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        with refusals_shown(request):
            profile = services.profile_save(person=person, by=request.user, **data)
            messages.success(request, phrases.SAVED)
            return redirect("talent:profile_edit")
    return render(
        request,
        "talent/profile_form.html",
        {
            "form": form,
            "profile": profile,
            "credentials": LanguageCredential.objects.filter(person=person),
            "credential_form": CredentialForm(),
            "duplicate": profile.duplicate_of if profile else None,
        },
    )


@login_required
@require_POST
def credential_add(request):
    from amur.forum.services import person_for_user

    form = CredentialForm(request.POST)
    if form.is_valid():
        with refusals_shown(request):
            services.credential_add(
                person=person_for_user(request.user), by=request.user, **form.cleaned_data
            )
            messages.success(request, phrases.SAVED)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("talent:profile_edit")


@login_required
@require_POST
def credential_remove(request, pk: int):
    credential = selectors.credential_get_for(request.user, pk=pk)
    services.credential_remove(credential=credential, by=request.user)
    messages.success(request, phrases.SAVED)
    return redirect("talent:profile_edit")


def _create_for_organisation(request, *, form_class, permission, create, detail, what):
    """A need, task or training offer stated by one of the user's organisations."""
    organisations = _my_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = form_class(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        check(request.user, permission, organisation)
        with refusals_shown(request):
            created = create(organisation=organisation, by=request.user, **data)
            messages.success(request, phrases.SAVED)
            return redirect(detail, pk=created.pk)
    return render(request, "talent/stated_form.html", {"form": form, "what": what})


# -- needs ------------------------------------------------------------------------------


@login_required
def preference(request, pk: int):
    """An organisation's administrators choose which HSK equivalence table their matching
    trusts (the official claim and the teachers' association disagree)."""
    organisation = organisation_get_for(request.user, pk=pk)
    check(request.user, "talent.set_preference", organisation)
    current = matching.table_for(organisation.pk)
    if request.method == "POST":
        try:
            services.preference_set(
                organisation=organisation, table=request.POST.get("table", ""), by=request.user
            )
        except DomainError as exc:
            refusal_message(request, exc)
            return redirect("talent:preference", pk=pk)
        messages.success(request, phrases.SAVED)
        return redirect("talent:preference", pk=pk)
    return render(
        request,
        "talent/preference.html",
        {"organisation": organisation, "current": current, "tables": EquivalenceTable.choices},
    )


def need_list(request):
    kind = request.GET.get("kind") or None
    needs = selectors.needs_search(request.user, request.GET.get("q"), kind=kind)
    page = Paginator(needs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "talent/need_list.html",
        {
            "page": page,
            "kinds": NeedKind.choices,
            "kind": kind,
            "can_create": _my_organisations(request.user).exists(),
            "administered": _administered(request.user),
        },
    )


@login_required
def need_create(request):
    return _create_for_organisation(
        request,
        form_class=NeedForm,
        permission="talent.change_need",
        create=services.need_create,
        detail="talent:need_detail",
        what="need",
    )


def need_detail(request, pk: int):
    need = selectors.need_get_for(request.user, pk=pk)
    manages = request.user.has_perm("talent.change_need", need)
    context = {
        "need": need,
        "manages": manages,
        "filled": services.need_filled(need),
        "requirements": need.requirements.all(),
        "required_skills": need.required_skills.all(),
        "preferred_skills": need.preferred_skills.all(),
        "stages": Stage.choices,
    }
    if manages:
        candidates = list(selectors.candidates_of(need))
        shortlisted = {c.profile_id for c in candidates}
        context["candidates"] = candidates
        context["matches"] = [
            m
            for m in matching.candidates_for(need, selectors.profiles_listed_to(request.user))
            if m.profile.pk not in shortlisted
        ]
    else:
        own = selectors.profile_of(request.user)
        context["own_match"] = matching.match_one(need, own) if own else None
    return render(request, "talent/need_detail.html", context)


@login_required
@require_POST
def shortlist(request, pk: int):
    need = selectors.need_get_for(request.user, pk=pk)
    check(request.user, "talent.change_need", need)
    profile = selectors.listed_profile_get_for(request.user, pk=request.POST.get("profile"))
    with refusals_shown(request):
        services.candidate_shortlist(need=need, profile=profile, by=request.user)
    return redirect("talent:need_detail", pk=pk)


@login_required
@require_POST
def candidate_advance(request, pk: int):
    candidate = selectors.candidate_get_for(request.user, pk=pk)
    check(request.user, "talent.change_need", candidate.need)
    with refusals_shown(request):
        services.candidate_advance(
            candidate=candidate, stage=request.POST.get("stage", ""), by=request.user
        )
    return redirect("talent:need_detail", pk=candidate.need_id)


@login_required
def declaration(request, pk: int):
    """The shortlisted person confirms their conflict-of-interest declaration — only they."""
    candidate = selectors.own_candidacy_get_for(request.user, pk=pk)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request):
            services.declaration_confirm(
                candidate=candidate, by=request.user, text=form.cleaned_data["text"]
            )
            messages.success(request, phrases.SAVED)
            return redirect("talent:matches")
    return render(request, "talent/declaration.html", {"candidate": candidate, "form": form})


# -- tasks ------------------------------------------------------------------------------


def task_list(request):
    tasks = selectors.tasks_visible_to(request.user).select_related("organisation", "assignee")
    status = request.GET.get("status") or None
    if status:
        tasks = tasks.filter(status=status)
    page = Paginator(tasks, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "talent/task_list.html",
        {
            "page": page,
            "statuses": TaskStatus.choices,
            "status": status,
            "can_create": _my_organisations(request.user).exists(),
        },
    )


@login_required
def task_create(request):
    return _create_for_organisation(
        request,
        form_class=TaskForm,
        permission="talent.change_task",
        create=services.task_create,
        detail="talent:task_detail",
        what="task",
    )


def _person_is(user, profile) -> bool:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return profile is not None and person is not None and profile.person_id == person.pk


def task_detail(request, pk: int):
    task = selectors.task_get_for(request.user, pk=pk)
    manages = request.user.has_perm("talent.change_task", task)
    is_assignee = _person_is(request.user, task.assignee)
    ratings = {r.side: r for r in task.ratings.all()}
    context = {
        "task": task,
        "manages": manages,
        "is_assignee": is_assignee,
        "is_reviewer": _person_is(request.user, task.reviewer),
        "requirements": task.requirements.all(),
        "ratings": ratings,
        "offer_form": OfferForm(),
        "deliver_form": DeliverForm(initial={"text": task.delivered_text}),
        "rate_form": RateForm(),
        "reviewer_form": ReviewerForm() if manages and task.content_type else None,
        "review_form": ReviewForm(initial={"text": task.delivered_text}),
        "may_rate": task.status in ("delivered", "reviewed")
        and (
            (is_assignee and "provider" not in ratings)
            or (manages and not is_assignee and "requester" not in ratings)
        ),
    }
    obj = services.content_object(task)
    context["content"] = obj
    # The termbase's approved terms of the task's field, and the shared resource the task
    # translates, come from the resources module (which opens such tasks).
    context["glossary"] = resources_selectors.task_glossary(
        task.field.key if task.field_id else None, task.source_language, task.target_language
    )
    context["proposal"] = resources_selectors.proposal_for_task(task, request.user)
    if manages and task.content_type and task.published_at is None:
        context["reviewers"] = [
            m
            for m in matching.candidates_for(
                task, selectors.profiles_listed_to(request.user), limit=20
            )
            if task.assignee is None or m.profile.person_id != task.assignee.person_id
        ]
    if manages and task.status == TaskStatus.DRAFT:
        context["show_matches"] = True
        context["matches"] = matching.candidates_for(
            task, selectors.profiles_listed_to(request.user), limit=20
        )
    return render(request, "talent/task_detail.html", context)


def _task_for_action(request, pk: int):
    return selectors.task_get_for(request.user, pk=pk)


@login_required
@require_POST
def task_offer(request, pk: int):
    task = _task_for_action(request, pk)
    check(request.user, "talent.change_task", task)
    form = OfferForm(request.POST)
    if not form.is_valid():
        raise Http404
    profile = selectors.listed_profile_get_for(request.user, pk=form.cleaned_data["profile"])
    with refusals_shown(request):
        services.task_offer(
            task=task,
            profile=profile,
            by=request.user,
            override_reason=form.cleaned_data["override_reason"],
        )
    return redirect("talent:task_detail", pk=pk)


def _assignee_step(step):
    @login_required
    @require_POST
    def view(request, pk: int):
        task = _task_for_action(request, pk)
        if not _person_is(request.user, task.assignee):
            raise PermissionDenied
        with refusals_shown(request):
            if step is services.task_deliver:
                form = DeliverForm(request.POST)
                form.is_valid()
                step(task=task, by=request.user, text=form.cleaned_data.get("text", ""))
            else:
                step(task=task, by=request.user)
        return redirect("talent:task_detail", pk=pk)

    view.__name__ = step.__name__
    return view


task_accept = _assignee_step(services.task_accept)
task_decline = _assignee_step(services.task_decline)
task_deliver = _assignee_step(services.task_deliver)


@login_required
@require_POST
def task_cancel(request, pk: int):
    task = _task_for_action(request, pk)
    check(request.user, "talent.change_task", task)
    with refusals_shown(request):
        services.task_cancel(task=task, by=request.user)
    return redirect("talent:task_detail", pk=pk)


@login_required
@require_POST
def task_rate(request, pk: int):
    task = _task_for_action(request, pk)
    if not (
        _person_is(request.user, task.assignee) or request.user.has_perm("talent.change_task", task)
    ):
        raise PermissionDenied
    form = RateForm(request.POST)
    if form.is_valid():
        with refusals_shown(request):
            services.task_rate(task=task, by=request.user, **form.cleaned_data)
    else:
        messages.error(request, form.errors.as_text())
    return redirect("talent:task_detail", pk=pk)


@login_required
@require_POST
def review_assign(request, pk: int):
    task = _task_for_action(request, pk)
    check(request.user, "talent.change_task", task)
    form = ReviewerForm(request.POST)
    if not form.is_valid():
        raise Http404
    reviewer = selectors.listed_profile_get_for(request.user, pk=form.cleaned_data["profile"])
    with refusals_shown(request):
        services.review_assign(task=task, reviewer=reviewer, by=request.user)
    return redirect("talent:task_detail", pk=pk)


@login_required
@require_POST
def translation_review(request, pk: int):
    """The second person approves (publishes) or returns the translation; the service
    refuses anyone but the named reviewer, and the translator always."""
    task = _task_for_action(request, pk)
    if not _person_is(request.user, task.reviewer):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    form.is_valid()
    with refusals_shown(request):
        services.translation_review(
            task=task,
            by=request.user,
            approve=bool(request.POST.get("approve")),
            text=form.cleaned_data.get("text", ""),
            note=form.cleaned_data.get("note", ""),
        )
    return redirect("talent:task_detail", pk=pk)


@login_required
@require_POST
def event_interpreting(request, slug: str):
    """From the event page: its organisers turn its interpretation needs into tasks."""
    from amur.events.selectors import event_get_for

    event = event_get_for(request.user, slug=slug)
    check(request.user, "talent.request_interpreting", event)
    organisers = services.event_organisers(event)
    acting_for = set(organisations_acting_for(request.user, EDITOR).values_list("pk", flat=True))
    mine = [o for o in organisers if o.pk in acting_for]
    organisation = (mine or organisers)[0]
    with refusals_shown(request):
        created = services.event_interpreting_tasks(
            event=event,
            organisation=organisation,
            by=request.user,
            kind=request.POST.get("kind") or TaskKind.SIMULTANEOUS,
        )
        if created:
            messages.success(
                request,
                ngettext(
                    "%(count)s interpreting task created.",
                    "%(count)s interpreting tasks created.",
                    len(created),
                )
                % {"count": len(created)},
            )
        else:
            messages.info(request, _("Every interpretation need already has a task."))
    return redirect("events:detail", slug=event.slug)


def translations(request):
    """The platform's own translation work, by language pair."""
    tasks = selectors.platform_translations(request.user)
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    return render(request, "talent/translations.html", {"page": page})


# -- a person's matches -----------------------------------------------------------------


@login_required
def matches(request):
    """Needs and tasks the signed-in person qualifies for, each explained."""
    profile = selectors.profile_of(request.user)
    openings = []
    if profile is not None:
        openings = matching.openings_for(
            profile,
            selectors.needs_visible_to(request.user).filter(status="open"),
            selectors.open_tasks_for_matching(request.user),
        )
    return render(
        request,
        "talent/matches.html",
        {
            "profile": profile,
            "openings": openings,
            "candidacies": selectors.my_candidacies(request.user),
            "tasks": selectors.my_tasks(request.user),
        },
    )


# -- training offers --------------------------------------------------------------------


def training_list(request):
    offers = selectors.training_offers()
    page = Paginator(offers, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "talent/training_list.html",
        {"page": page, "can_create": _my_organisations(request.user).exists()},
    )


@login_required
def training_create(request):
    return _create_for_organisation(
        request,
        form_class=TrainingForm,
        permission="talent.change_training",
        create=services.training_create,
        detail="talent:training_detail",
        what="training",
    )


def training_detail(request, pk: int):
    offer = selectors.training_get(pk=pk)
    manages = request.user.has_perm("talent.change_training", offer)
    own = selectors.profile_of(request.user)
    mine = (
        offer.enrolments.filter(profile=own).select_related("registration").order_by("-id").first()
        if own
        else None
    )
    return render(
        request,
        "talent/training_detail.html",
        {
            "offer": offer,
            "mode": offer.event.modes.filter(attendance="in_person").first(),
            "manages": manages,
            "own": own,
            "mine": mine,
            "enrolments": selectors.enrolments_of(offer) if manages else None,
        },
    )


@login_required
@require_POST
def training_enrol(request, pk: int):
    offer = selectors.training_get(pk=pk)
    profile = selectors.profile_of(request.user)
    if profile is None:
        messages.error(request, _("Create your talent profile first."))
        return redirect("talent:profile_edit")
    with refusals_shown(request):
        services.training_enrol(offer=offer, profile=profile, by=request.user)
    return redirect("talent:training_detail", pk=pk)


@login_required
@require_POST
def training_withdraw(request, pk: int):
    enrolment = selectors.enrolment_get_for(request.user, pk=pk)
    check(request.user, "talent.withdraw_enrolment", enrolment)
    services.training_withdraw(enrolment=enrolment, by=request.user)
    return redirect("talent:training_detail", pk=enrolment.offer_id)


@login_required
@require_POST
def training_complete(request, pk: int):
    enrolment = selectors.enrolment_get_for(request.user, pk=pk)
    check(request.user, "talent.change_training", enrolment.offer)
    with refusals_shown(request):
        services.training_complete(enrolment=enrolment, by=request.user)
    return redirect("talent:training_detail", pk=enrolment.offer_id)


# -- reports ----------------------------------------------------------------------------


def reports(request):
    """The observatory's figures of the pool (numbers only; hidden profiles never count)."""
    from amur.talent import reports as figures

    return render(request, "talent/reports.html", {"summary": figures.summary()})


def report_export(request, table: str, fmt: str):
    from amur.core.exports import FORMATS, table_response
    from amur.talent import reports as figures

    tables = figures.tables()
    if table not in tables or fmt not in FORMATS:
        raise Http404
    header, rows = tables[table]
    return table_response(f"talent-{table}", header, rows, fmt)
