# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pages of joint programmes, their courses and enrolments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amur.core.errors import refusals_shown
from amur.core.permissions import EDITOR, check, organisations_acting_for
from amur.mobility import selectors, services
from amur.mobility.forms import (
    EnrolmentForm,
    ProgrammeCourseForm,
)
from amur.mobility.models import JointProgramme


def programme_list(request):
    programmes = JointProgramme.objects.select_related("owner").prefetch_related("partners")
    return render(request, "mobility/programme_list.html", {"programmes": programmes})


def programme_detail(request, pk: int):
    programme = selectors.programme_get_for(request.user, pk=pk)
    user = request.user
    sees_students = user.has_perm("mobility.view_cohort_students", programme)
    cohorts = programme.cohorts.annotate(size=Count("enrolments")).order_by("-intake_year")
    if sees_students:
        cohorts = cohorts.prefetch_related("enrolments__person", "enrolments__home")
    homes = _enrolling_homes(user, programme)
    return render(
        request,
        "mobility/programme_detail.html",
        {
            "programme": programme,
            "plan": services.programme_plan(programme),
            "cohorts": cohorts,
            "sees_students": sees_students,
            "can_edit": user.has_perm("mobility.manage_programme", programme),
            "course_form": ProgrammeCourseForm(programme=programme),
            "enrol_form": EnrolmentForm(programme=programme, homes=homes) if homes else None,
        },
    )


def _enrolling_homes(user, programme):
    """The partners of ``programme`` for which ``user`` may enrol students."""
    return programme.partners.filter(pk__in=organisations_acting_for(user, EDITOR).values("pk"))


@login_required
@require_POST
def programme_course_add(request, pk: int):
    programme = selectors.programme_get_for(request.user, pk=pk)
    check(request.user, "mobility.manage_programme", programme)
    form = ProgrammeCourseForm(request.POST, programme=programme)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("mobility:programme", pk=programme.pk)
    with refusals_shown(request):
        services.programme_course_add(programme=programme, by=request.user, **form.cleaned_data)
        messages.success(request, _("The course is added to the teaching plan."))
    return redirect("mobility:programme", pk=programme.pk)


@login_required
@require_POST
def programme_enrol(request, pk: int):
    programme = selectors.programme_get_for(request.user, pk=pk)
    check(request.user, "mobility.enrol_programme", programme)
    form = EnrolmentForm(
        request.POST, programme=programme, homes=_enrolling_homes(request.user, programme)
    )
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("mobility:programme", pk=programme.pk)
    data = form.cleaned_data
    with refusals_shown(request):
        services.enrolment_create_for_name(
            cohort=data["cohort"],
            home=data["home"],
            by=request.user,
            name=data["name"],
            email=data["email"],
            name_latin=data["name_latin"],
        )
        messages.success(request, _("The student is enrolled."))
    return redirect("mobility:programme", pk=programme.pk)
