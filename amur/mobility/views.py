# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from amur.core.exports import table_response
from amur.core.i18n import localised_text
from amur.core.models import FieldOfExchange
from amur.core.permissions import EDITOR, MEMBER, check, has_role, organisations_where
from amur.directory.models import Organisation
from amur.mobility import ewp, selectors, services
from amur.mobility.enums import ApplicationDocumentKind, CallKind, CreditSystem
from amur.mobility.forms import (
    AgreementForm,
    AnswerForm,
    CallForm,
    ComponentFormSet,
    ConditionForm,
    EnrolmentForm,
    MobilityEwpForm,
    ProgrammeCourseForm,
    RecognitionForm,
    TranscriptFormSet,
    components_from,
)
from amur.mobility.models import (
    Agreement,
    AgreementDocument,
    Application,
    ApplicationDocument,
    Call,
    Condition,
    ExpertEngagement,
    JointProgramme,
    LearningAgreementVersion,
    Mobility,
)


def index(request):
    hosts = Organisation.objects.filter(expert_targets__isnull=False).distinct()
    experts = [
        (host, services.expert_progress(host), ExpertEngagement.objects.filter(host=host))
        for host in hosts
    ]
    agreements = Agreement.objects.prefetch_related("partners").order_by("-signed_on")[:50]
    calls = Call.objects.filter(deadline__gte=timezone.now()).select_related("sending", "host")
    return render(
        request,
        "mobility/index.html",
        {
            "agreements": agreements,
            "calls": calls,
            "experts": experts,
            "can_create_agreement": request.user.is_authenticated
            and _editable_owners(request.user).exists(),
        },
    )


def call_detail(request, pk: int):
    call = get_object_or_404(Call.objects.select_related("sending", "host", "agreement"), pk=pk)
    mine = None
    if request.user.is_authenticated:
        mine = (
            call.applications.filter(applicant=request.user)
            .prefetch_related("history", "documents")
            .first()
        )
    is_office = request.user.has_perm("mobility.manage_call", call) or (
        request.user.is_authenticated and has_role(request.user, call.host_id, EDITOR)
    )
    can_score = request.user.has_perm("mobility.manage_call", call)
    applications = (
        list(call.applications.prefetch_related("documents").order_by("rank", "id"))
        if is_office
        else []
    )
    for application in applications:
        application.call = call
        application.steps = services.application_next_steps(application, request.user)
        application.can_score = can_score and application.status in (
            "submitted",
            "eligible",
            "ranked",
        )
    return render(
        request,
        "mobility/call_detail.html",
        {
            "call": call,
            "mine": mine,
            "applications": applications,
            "is_office": is_office,
            "can_edit": request.user.has_perm("mobility.manage_call", call),
            "document_kinds": ApplicationDocumentKind.choices,
        },
    )


@login_required
@require_POST
def apply(request, pk: int):
    call = get_object_or_404(Call, pk=pk)
    try:
        with transaction.atomic():  # an application that cannot be submitted is not kept
            _apply(request, call)
        messages.success(request, pgettext("mobility", "Your application was submitted."))
    except IntegrityError:
        messages.error(request, _("You have already applied to this call."))
    except services.MobilityError as exc:
        messages.error(request, str(exc))
    return redirect("mobility:call", pk=call.pk)


def _apply(request, call) -> None:
    services.application_apply(
        call=call,
        user=request.user,
        name=request.POST.get("name", ""),
        language=translation.get_language(),
        motivation=request.POST.get("motivation", ""),
        grade_mark=request.POST.get("grade_mark") or None,
        language_score=request.POST.get("language_score") or None,
        documents=[
            (kind, upload)
            for kind in ApplicationDocumentKind.values
            for upload in request.FILES.getlist(f"document_{kind}")
        ],
    )


@login_required
def application_document(request, pk: int):
    """A document of an application: for the applicant and the offices of the call."""
    document = get_object_or_404(
        ApplicationDocument.objects.select_related("application__call"), pk=pk
    )
    check(request.user, "mobility.view_application", document.application)
    types = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
    return FileResponse(
        document.file.open("rb"),
        content_type=types[document.extension],
        as_attachment=True,
        filename=f"application-{document.application_id}-{document.kind}.{document.extension}",
    )


@login_required
@require_POST
def application_scores(request, pk: int):
    """The sending office enters the scores that the ranking weighs."""
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    check(request.user, "mobility.view_application", application)
    try:
        services.application_scores_enter(
            application=application,
            by=request.user,
            **{name: request.POST.get(name) or None for name in services.SCORE_FIELDS},
        )
        messages.success(request, _("Scores saved."))
    except services.MobilityError as exc:
        messages.error(request, str(exc))
    return redirect("mobility:call", pk=application.call_id)


@login_required
@require_POST
def application_step(request, pk: int):
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    check(request.user, "mobility.view_application", application)
    try:
        services.application_transition(
            application=application,
            to=request.POST.get("to", ""),
            by=request.user,
            comment=request.POST.get("comment", ""),
        )
        messages.success(request, _("Done."))
    except (services.MobilityError, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect("mobility:call", pk=application.call_id)


@login_required
@require_POST
def call_rank(request, pk: int):
    call = get_object_or_404(Call, pk=pk)
    check(request.user, "mobility.manage_call", call)
    services.call_rank(call=call, by=request.user)
    messages.success(request, _("The eligible applications are ranked."))
    return redirect("mobility:call", pk=call.pk)


# Mobilities and learning agreements ----------------------------------------------------


@login_required
def mobility_list(request):
    stays = selectors.mobilities_visible_to(request.user).order_by("-start", "id")
    offices = Organisation.objects.filter(pk__in=organisations_where(request.user, MEMBER))
    return render(request, "mobility/mobility_list.html", {"mobilities": stays, "offices": offices})


@login_required
def mobility_detail(request, pk: int):
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    check(request.user, "mobility.view_mobility", mobility)
    versions = list(
        mobility.la_versions.select_related(
            "proposed_by", "sending_signer", "receiving_signer"
        ).order_by("-number")
    )
    latest = versions[0] if versions else None
    return render(
        request,
        "mobility/mobility_detail.html",
        {
            "mobility": mobility,
            "versions": versions,
            "latest": latest,
            "current": next((v for v in versions if v.agreed), None),
            "sides": services.la_sides(request.user, mobility),
            "answer_form": AnswerForm(),
            "transcript": getattr(mobility, "transcript", None),
            "recognition": getattr(mobility, "recognition", None),
            "tor_rows": _transcript_rows(mobility),
            "schemes": dict(CreditSystem.choices),
            "ewp_missing": [
                Mobility._meta.get_field(name).verbose_name
                for name in dict.fromkeys(ewp.la_missing(mobility))
            ],
            "may_record_ewp": request.user.has_perm("mobility.record_ewp_data", mobility),
            "ewp_sent": ewp.stay_activity(mobility) is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mobility_ewp(request, pk: int):
    """The sending office records what EWP needs of the stay (EQF, ISCED-F, CEFR, contacts)."""
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    check(request.user, "mobility.record_ewp_data", mobility)
    form = MobilityEwpForm(
        request.POST or None,
        mobility=mobility,
        initial={
            "eqf_level": mobility.eqf_level,
            "isced_code": mobility.isced_code,
            "language": mobility.language,
            "language_level": mobility.language_level,
            "sending_contact": mobility.sending_contact_id,
            "receiving_contact": mobility.receiving_contact_id,
            "blended": mobility.blended,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mobility_ewp_data_save(mobility=mobility, by=request.user, **form.cleaned_data)
        except services.MobilityError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("mobility:mobility", pk=mobility.pk)
    return render(request, "mobility/mobility_ewp.html", {"mobility": mobility, "form": form})


def _transcript_rows(mobility) -> list[tuple]:
    """(transcript entry, recognition line or None) pairs for the stay's page."""
    transcript = getattr(mobility, "transcript", None)
    if transcript is None:
        return []
    recognition = getattr(mobility, "recognition", None)
    lines = {line.entry_id: line for line in recognition.lines.all()} if recognition else {}
    return [(entry, lines.get(entry.pk)) for entry in transcript.entries.all()]


@login_required
def la_propose(request, pk: int):
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    check(request.user, "mobility.sign_la", mobility)
    if request.method == "POST":
        formset = ComponentFormSet(request.POST)
        if formset.is_valid():
            try:
                services.la_propose(
                    mobility=mobility, components=components_from(formset), by=request.user
                )
            except services.MobilityError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The proposal is recorded; it now needs signatures."))
                return redirect("mobility:mobility", pk=mobility.pk)
    else:
        latest = mobility.la_versions.order_by("-number").first()
        formset = ComponentFormSet(initial=latest.components if latest else None)
    return render(request, "mobility/la_propose.html", {"mobility": mobility, "formset": formset})


@login_required
@require_POST
def la_sign(request, pk: int):
    version = get_object_or_404(LearningAgreementVersion, pk=pk)
    mobility = selectors.mobility_get_for(request.user, pk=version.mobility_id)
    check(request.user, "mobility.sign_la", mobility)
    try:
        services.la_sign(version=version, by=request.user, side=request.POST.get("side", ""))
        messages.success(request, _("Signed."))
    except services.MobilityError as exc:
        messages.error(request, str(exc))
    return redirect("mobility:mobility", pk=mobility.pk)


@login_required
@require_POST
def la_answer(request, pk: int):
    version = get_object_or_404(LearningAgreementVersion, pk=pk)
    mobility = selectors.mobility_get_for(request.user, pk=version.mobility_id)
    check(request.user, "mobility.answer_la", mobility)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an answer."))
        return redirect("mobility:mobility", pk=mobility.pk)
    try:
        services.la_receiving_answer(
            version=version,
            by=request.user,
            approve=form.cleaned_data["approve"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("Done."))
    except services.MobilityError as exc:
        messages.error(request, str(exc))
    return redirect("mobility:mobility", pk=mobility.pk)


# Transcript of records and recognition at home ----------------------------------------


@login_required
def transcript_issue(request, pk: int):
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    check(request.user, "mobility.issue_transcript", mobility)
    if request.method == "POST":
        formset = TranscriptFormSet(request.POST)
        if formset.is_valid():
            try:
                services.transcript_issue(
                    mobility=mobility, entries=components_from(formset), by=request.user
                )
            except services.MobilityError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The transcript of records is issued."))
                return redirect("mobility:mobility", pk=mobility.pk)
    else:
        agreed = services.la_current(mobility)
        initial = [
            {k: c[k] for k in ("code", "title", "credits", "scheme")}
            for c in (agreed.components if agreed else [])
        ]
        formset = TranscriptFormSet(initial=initial or None)
    return render(
        request, "mobility/transcript_issue.html", {"mobility": mobility, "formset": formset}
    )


def _checked(request, lines) -> set[int]:
    if request.method != "POST":
        return {line["entry"].pk for line in lines}
    return {int(v) for v in request.POST.getlist("recognised") if v.isdigit()}


@login_required
def recognition_decide(request, pk: int):
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    check(request.user, "mobility.decide_recognition", mobility)
    if not hasattr(mobility, "transcript"):
        messages.error(request, _("The transcript of records is not issued yet."))
        return redirect("mobility:mobility", pk=mobility.pk)
    lines = services.recognition_proposal(mobility)
    form = RecognitionForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            services.recognition_decide(
                mobility=mobility,
                by=request.user,
                comment=form.cleaned_data["comment"],
                recognised=set(form.cleaned_data["recognised"]),
            )
        except services.MobilityError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The recognition decision is recorded."))
            return redirect("mobility:mobility", pk=mobility.pk)
    return render(
        request,
        "mobility/recognition_decide.html",
        {
            "mobility": mobility,
            "lines": lines,
            "form": form,
            "home": services.credit_rule_for(mobility.sending),
            "checked": _checked(request, lines),
        },
    )


# Joint programmes ------------------------------------------------------------------------


def programme_list(request):
    programmes = JointProgramme.objects.select_related("owner").prefetch_related("partners")
    return render(request, "mobility/programme_list.html", {"programmes": programmes})


def programme_detail(request, pk: int):
    programme = get_object_or_404(JointProgramme.objects.select_related("owner", "field"), pk=pk)
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
    if not user.is_authenticated:
        return Organisation.objects.none()
    partners = programme.partners.all()
    if user.is_staff:
        return partners
    return partners.filter(pk__in=organisations_where(user, EDITOR))


@login_required
@require_POST
def programme_course_add(request, pk: int):
    programme = get_object_or_404(JointProgramme, pk=pk)
    check(request.user, "mobility.manage_programme", programme)
    form = ProgrammeCourseForm(request.POST, programme=programme)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("mobility:programme", pk=programme.pk)
    try:
        services.programme_course_add(programme=programme, by=request.user, **form.cleaned_data)
        messages.success(request, _("The course is added to the teaching plan."))
    except services.MobilityError as exc:
        messages.error(request, str(exc))
    return redirect("mobility:programme", pk=programme.pk)


@login_required
@require_POST
def programme_enrol(request, pk: int):
    programme = get_object_or_404(JointProgramme, pk=pk)
    check(request.user, "mobility.enrol_programme", programme)
    form = EnrolmentForm(
        request.POST, programme=programme, homes=_enrolling_homes(request.user, programme)
    )
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("mobility:programme", pk=programme.pk)
    data = form.cleaned_data
    try:
        services.enrolment_create_for_name(
            cohort=data["cohort"],
            home=data["home"],
            by=request.user,
            name=data["name"],
            email=data["email"],
            name_latin=data["name_latin"],
        )
        messages.success(request, _("The student is enrolled."))
    except services.MobilityError as exc:
        messages.error(request, str(exc))
    return redirect("mobility:programme", pk=programme.pk)


# Reports and dashboards ------------------------------------------------------------------


def reports(request):
    year = request.GET.get("year")
    year = int(year) if year and year.isdigit() else None
    every_year = selectors.flows()
    rows = [row for row in every_year if year is None or row["year"] == year]
    by_year = selectors.flows_by_year(every_year)
    return render(
        request,
        "mobility/reports.html",
        {
            "flows": rows,
            "by_year": by_year,
            "chart": _flows_chart(by_year),
            "seats": selectors.seats(),
            "expiring": selectors.agreements_expiring(),
            "year": year,
            "kinds": dict(CallKind.choices),
            "fields": {f.key: f for f in FieldOfExchange.objects.all()},
        },
    )


def _flows_chart(by_year: list[dict]) -> dict:
    """Both directions side by side per year, so that reciprocity shows at a glance."""
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "xAxis": {"type": "category", "data": [str(y["year"]) for y in by_year]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"type": "bar", "name": str(label), "data": [y[key] for y in by_year]}
            for key, label in (("CN→RU", _("China → Russia")), ("RU→CN", _("Russia → China")))
        ],
    }


def _report_table(table: str) -> tuple[list[str], list[list]]:
    if table == "flows":
        header = ["year", "direction", "kind", "field", "sending", "receiving", "people"]
        return header, [[row[k] for k in header] for row in selectors.flows()]
    if table == "seats":
        header = [
            "agreement",
            "sending",
            "receiving",
            "academic_year",
            "students_agreed",
            "students_used",
            "staff_agreed",
            "staff_used",
        ]
        return header, [
            [
                str(r["agreement"]),
                r["sending"].slug,
                r["receiving"].slug,
                *(r[k] for k in header[3:]),
            ]
            for r in selectors.seats()
        ]
    header = ["agreement", "kind", "status", "valid_until", "auto_renewal", "partners"]
    return header, [
        [
            str(a),
            a.kind,
            a.status,
            a.valid_until.isoformat(),
            a.auto_renewal,
            "; ".join(p.slug for p in a.partners.all()),
        ]
        for a in selectors.agreements_expiring()
    ]


def report_export(request, table: str, fmt: str):
    if table not in ("flows", "seats", "expiring") or fmt not in ("csv", "xlsx"):
        raise Http404
    header, rows = _report_table(table)
    return table_response(f"mobility-{table}", header, rows, fmt)


@login_required
def dashboard(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    check(request.user, "mobility.view_dashboard", organisation)
    return render(
        request,
        "mobility/dashboard.html",
        {
            "organisation": organisation,
            "board": selectors.dashboard(organisation),
            "sides": [("outgoing", _("Outgoing")), ("incoming", _("Incoming"))],
        },
    )


def organisation_agreements(request, pk: int):
    """All agreements of an organisation and its partners, in a table and on a map (by id:
    organisations created on the pages have no slug)."""
    organisation = get_object_or_404(Organisation.objects.select_related("place"), pk=pk)
    data = selectors.organisation_agreements(organisation, request.user)
    points = []
    for row in data["partners"]:
        place = row["organisation"].place
        if place.lat is not None:
            points.append(
                {
                    "name": localised_text(row["organisation"], "name"),
                    "value": [float(place.lon), float(place.lat), row["agreements"]],
                }
            )
    home = organisation.place
    series = [{"type": "scatter", "name": _("Partners"), "data": points, "symbolSize": 14}]
    if home.lat is not None:
        series.append(
            {
                "type": "scatter",
                "name": localised_text(organisation, "name"),
                "data": [[float(home.lon), float(home.lat)]],
                "symbolSize": 20,
                "symbol": "diamond",
            }
        )
    chart = {
        "title": {"text": _("Partners by place"), "textStyle": {"fontSize": 14}},
        "tooltip": {},
        "legend": {"bottom": 0},
        "xAxis": {"type": "value", "min": 20, "max": 145, "name": "lon"},
        "yAxis": {"type": "value", "min": 15, "max": 65, "name": "lat"},
        "series": series,
    }
    return render(
        request,
        "mobility/organisation_agreements.html",
        {"organisation": organisation, **data, "chart": chart},
    )


# Erasmus Without Paper exports -----------------------------------------------------------


def _xml(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def ewp_iias(request, slug: str):
    """The organisation's agreements as EWP IIAs (public, as the agreements list is)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    iias = ewp.iias_get_response(ewp.agreements_of(organisation), local=organisation)
    return _xml(iias, f"{slug}-iias.xml")


@login_required
def ewp_omobilities(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    check(request.user, "mobility.view_dashboard", organisation)
    return _xml(ewp.omobilities_get_response(organisation), f"{slug}-omobilities.xml")


@login_required
def ewp_las(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    check(request.user, "mobility.view_dashboard", organisation)
    return _xml(ewp.las_get_response(ewp.stays_of(organisation)), f"{slug}-las.xml")


@login_required
@require_http_methods(["GET", "POST"])
def ewp_receive(request):
    """A partner system's EWP document, checked against the official schema; the IIAs in
    it matched to our agreements (their ids recorded) for the institutions the user edits."""
    receipt = None
    upload = request.FILES.get("document")
    if request.method == "POST" and upload is not None:
        receipt = services.ewp_receive(content=upload.read(), by=request.user)
    status = 400 if request.method == "POST" and (receipt is None or not receipt.ok) else 200
    return render(
        request,
        "mobility/ewp_receive.html",
        {
            "receipt": receipt,
            "filename": upload.name if upload else "",
            "missing_file": request.method == "POST" and upload is None,
        },
        status=status,
    )


# Agreements and their conditions ---------------------------------------------------------

AGREEMENT_FIELDS = (
    "kind",
    "title_zh",
    "title_ru",
    "title_en",
    "signed_on",
    "valid_from",
    "valid_until",
    "auto_renewal",
    "status",
    "isced_codes",
    "signatories",
)
CONDITION_FIELDS = (
    "sending",
    "receiving",
    "academic_year",
    "students",
    "student_months",
    "staff",
    "staff_days",
    "trainees",
    "trainee_months",
    "training_staff",
    "training_days",
    "language",
    "language_level",
    "isced_code",
    "eqf_level",
    "blended",
)


def _editable_owners(user):
    if user.is_staff:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisations_where(user, EDITOR))


def agreement_detail(request, pk: int):
    """Agreements are public (as on the index and in the EWP export); changes are not."""
    agreement = get_object_or_404(Agreement.objects.select_related("owner"), pk=pk)
    user = request.user
    return render(
        request,
        "mobility/agreement_detail.html",
        {
            "agreement": agreement,
            "partners": agreement.partners.all(),
            "conditions": agreement.conditions.select_related("sending", "receiving").order_by(
                "academic_year", "sending_id", "id"
            ),
            "calls": agreement.calls.select_related("sending", "host"),
            "can_change": user.has_perm("mobility.change_agreement", agreement),
            "documents": [
                d
                for d in agreement.documents.all()
                if user.has_perm("mobility.view_agreement_document", d)
            ],
            "can_open_call": user.has_perm("mobility.open_call", agreement),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_documents(request, pk: int):
    """The owner's editors add and remove the signed texts, one PDF per language."""
    from amur.mobility.forms import AgreementDocumentForm

    agreement = get_object_or_404(Agreement.objects.select_related("owner"), pk=pk)
    check(request.user, "mobility.change_agreement", agreement)
    form = AgreementDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("delete"):
        document = get_object_or_404(
            AgreementDocument, pk=request.POST["delete"], agreement=agreement
        )
        services.agreement_document_delete(document=document, by=request.user)
        messages.success(request, _("Document removed."))
        return redirect("mobility:agreement_documents", pk=pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_document_add(
                agreement=agreement,
                by=request.user,
                upload=form.cleaned_data["file"],
                language=form.cleaned_data["language"],
                title=form.cleaned_data["title"],
            )
        except services.MobilityError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Document added."))
            return redirect("mobility:agreement_documents", pk=pk)
    context = {"agreement": agreement, "form": form, "documents": agreement.documents.all()}
    return render(request, "mobility/agreement_documents.html", context)


@login_required
def agreement_document(request, pk: int):
    document = get_object_or_404(AgreementDocument.objects.select_related("agreement"), pk=pk)
    check(request.user, "mobility.view_agreement_document", document)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"agreement-{document.agreement_id}-{document.language}-{document.pk}.pdf",
    )


@login_required
def agreement_create(request):
    owners = _editable_owners(request.user)
    if not owners.exists():
        raise PermissionDenied
    form = AgreementForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        check(request.user, "mobility.create_agreement", data["owner"])
        try:
            agreement = services.agreement_save(by=request.user, **data)
        except services.MobilityError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect("mobility:agreement", pk=agreement.pk)
    return render(request, "mobility/agreement_form.html", {"form": form, "agreement": None})


@login_required
def agreement_edit(request, pk: int):
    agreement = get_object_or_404(Agreement.objects.select_related("owner"), pk=pk)
    check(request.user, "mobility.change_agreement", agreement)
    owners = Organisation.objects.filter(pk=agreement.owner_id)
    initial = {name: getattr(agreement, name) for name in AGREEMENT_FIELDS}
    initial |= {"owner": agreement.owner, "partners": list(agreement.partners.all())}
    form = AgreementForm(request.POST or None, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_save(by=request.user, agreement=agreement, **form.cleaned_data)
        except services.MobilityError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect("mobility:agreement", pk=agreement.pk)
    return render(request, "mobility/agreement_form.html", {"form": form, "agreement": agreement})


def _condition_page(request, agreement, condition=None):
    check(request.user, "mobility.change_agreement", agreement)
    initial = {n: getattr(condition, n) for n in CONDITION_FIELDS} if condition else None
    form = ConditionForm(request.POST or None, agreement=agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.condition_save(
                by=request.user, agreement=agreement, condition=condition, **form.cleaned_data
            )
        except services.MobilityError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The cooperation condition is saved."))
            return redirect("mobility:agreement", pk=agreement.pk)
    return render(
        request,
        "mobility/condition_form.html",
        {"form": form, "agreement": agreement, "condition": condition},
    )


@login_required
def condition_add(request, pk: int):
    return _condition_page(request, get_object_or_404(Agreement, pk=pk))


@login_required
def condition_edit(request, pk: int):
    condition = get_object_or_404(Condition.objects.select_related("agreement"), pk=pk)
    return _condition_page(request, condition.agreement, condition)


@login_required
@require_POST
def condition_delete(request, pk: int):
    condition = get_object_or_404(Condition.objects.select_related("agreement"), pk=pk)
    check(request.user, "mobility.change_agreement", condition.agreement)
    services.condition_delete(by=request.user, condition=condition)
    messages.success(request, _("The cooperation condition is removed."))
    return redirect("mobility:agreement", pk=condition.agreement_id)


# Calls of a sending office ---------------------------------------------------------------

CALL_FIELDS = (
    "kind",
    "title_zh",
    "title_ru",
    "title_en",
    "host",
    "seats",
    "deadline",
    "min_language",
    "eqf_level",
    "isced_code",
    "blended",
    "weight_grades",
    "weight_language",
    "weight_interview",
)


def _senders(user, agreement):
    """The partners of ``agreement`` for which ``user`` may open calls."""
    partners = agreement.partners.all()
    return partners if user.is_staff else partners.filter(pk__in=organisations_where(user, EDITOR))


def _call_page(request, agreement, call=None):
    if call is None:
        senders = _senders(request.user, agreement)
        initial = None
    else:
        senders = Organisation.objects.filter(pk=call.sending_id)
        initial = {name: getattr(call, name) for name in CALL_FIELDS} | {"sending": call.sending}
    form = CallForm(request.POST or None, agreement=agreement, senders=senders, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.call_save(
                by=request.user, agreement=agreement, call=call, **form.cleaned_data
            )
        except services.MobilityError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The call is saved."))
            return redirect("mobility:call", pk=saved.pk)
    return render(
        request, "mobility/call_form.html", {"form": form, "agreement": agreement, "call": call}
    )


@login_required
def call_create(request, pk: int):
    agreement = get_object_or_404(Agreement, pk=pk)
    check(request.user, "mobility.open_call", agreement)
    return _call_page(request, agreement)


@login_required
def call_edit(request, pk: int):
    call = get_object_or_404(Call.objects.select_related("agreement", "sending"), pk=pk)
    check(request.user, "mobility.manage_call", call)
    return _call_page(request, call.agreement, call)
