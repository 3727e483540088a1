# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from amur.core.errors import refusals_shown
from amur.core.pagecache import public_page
from amur.core.permissions import EDITOR, MEMBER, check, organisations_acting_for
from amur.directory.models import Organisation
from amur.library import selectors, services, tasks
from amur.library.enums import (
    EXCHANGE_STEPS,
    LOAN_REASONS,
    ExchangeStatus,
    HoldingStatus,
    PatronRequestStatus,
    ReaderStage,
)
from amur.library.forms import (
    CatalogueFilterForm,
    ExchangeOfferForm,
    ExchangeRequestForm,
    HoldingForm,
)
from amur.library.models import ImportJob, Record


def _my_member_libraries(user):
    """The member libraries whose holdings ``user`` may change (all of them for staff)."""
    return organisations_acting_for(user, EDITOR).filter(library__isnull=False).order_by("name_en")


def _reader_libraries(user, record) -> list:
    """The member libraries the user reads at (any role) that do not hold ``record``'s work."""
    libraries = organisations_acting_for(user, MEMBER).filter(library__isnull=False)
    libraries = libraries.order_by("name_en")
    return [lib for lib in libraries if not services.library_holds_work(library=lib, record=record)]


@public_page("library", "directory", "core")
def catalogue(request):
    """One query box in any script, narrowed by facets; exact title and author matches first."""
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    searching = any(value not in (None, "", False) for value in filters.values())
    records = selectors.records_search(filters.pop("q", ""), **filters) if searching else None
    page = Paginator(records if searching else Record.objects.none(), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "library/catalogue.html",
        {
            "form": form,
            "page": page,
            "searching": searching,
            "facets": selectors.records_facets(records) if searching else None,
        },
    )


def record_detail(request, pk: int):
    record = selectors.record_get_for(request.user, pk=pk)
    same_work = Record.objects.filter(cluster_key=record.cluster_key).exclude(pk=record.pk)
    holdings = list(selectors.holdings_of_work(record))
    for holding in holdings:
        holding.editable = request.user.has_perm("library.change_holding", holding)
    # Readers affiliated to (or working for) a member library may ask through it.
    my_libraries = (
        organisations_acting_for(request.user, EDITOR)
        .filter(library__isnull=False)
        .exclude(pk=record.library_id)
    )
    return render(
        request,
        "library/record_detail.html",
        {
            "record": record,
            "same_work": same_work.select_related("library"),
            "my_libraries": my_libraries,
            "holdings": holdings,
            "reader_libraries": _reader_libraries(request.user, record),
            "can_add_holding": _my_member_libraries(request.user).exists(),
            "holding_statuses": HoldingStatus.choices,
        },
    )


def record_marcxml(request, pk: int):
    record = selectors.record_get_for(request.user, pk=pk)
    return HttpResponse(
        services.record_marcxml(record), content_type="application/xml; charset=utf-8"
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    libraries = organisations_acting_for(request.user, EDITOR)
    if request.method == "POST" and request.FILES.get("file"):
        library = get_object_or_404(Organisation, pk=request.POST.get("library"))
        check(request.user, "library.import_records", library)
        upload = request.FILES["file"]
        data = upload.read()
        try:
            job = services.import_job_create(library=library, filename=upload.name, data=data)
        except services.LibraryError as exc:
            messages.error(request, str(exc))
            return render(
                request, "library/import_upload.html", {"libraries": libraries}, status=400
            )
        with tempfile.NamedTemporaryFile(delete=False, suffix=".marc") as handle:
            handle.write(data)
        tasks.catalogue_import.enqueue(job.pk, handle.name)
        return redirect("library:import_job", pk=job.pk)
    return render(request, "library/import_upload.html", {"libraries": libraries})


@login_required
def import_job(request, pk: int):
    job = get_object_or_404(ImportJob, pk=pk)
    check(request.user, "library.import_records", job)
    template = (
        "library/import_job.html#progress"
        if request.headers.get("HX-Request")
        else "library/import_job.html"
    )
    return render(request, template, {"job": job})


@login_required
def ill_queue(request):
    """Both sides of inter-library loan: what my libraries asked for, and what they supply."""
    from amur.library import ill
    from amur.library.models import LoanRequest

    if request.method == "POST":
        loan = get_object_or_404(LoanRequest, pk=request.POST.get("loan"))
        try:
            if request.POST.get("status"):
                check(request.user, "library.change_record", loan.supplier)
                services.loan_supplier_status(
                    request=loan,
                    status=request.POST["status"],
                    reason=request.POST.get("reason", ""),
                    by_organisation=loan.supplier,
                )
            else:
                check(request.user, "library.change_record", loan.requester)
                services.loan_requester_action(
                    request=loan,
                    action=request.POST.get("action", ""),
                    by_organisation=loan.requester,
                )
        except (services.LibraryError, ValueError) as exc:
            messages.error(request, str(exc))
        return redirect("library:ill_queue")
    supplying, requesting, every = selectors.loans_for(request.user)
    # The libraries' queue, not the librarian's own requests as a reader.
    readers = selectors.patron_requests_visible(request.user).filter(
        status=PatronRequestStatus.SUBMITTED,
        library__in=organisations_acting_for(request.user, EDITOR).values("pk"),
    )
    return render(
        request,
        "library/ill_queue.html",
        {
            "supplying": supplying,
            "requesting": requesting,
            "every": every,
            "readers": readers,
            "statuses": ill.Status.choices,
            "actions": ill.Action.choices,
            "reasons": [(code, LOAN_REASONS[code]) for code in ill.REASONS_UNFILLED]
            + [(code, LOAN_REASONS[code]) for code in ill.REASONS_RETRY if code != "Other"],
        },
    )


@login_required
@require_http_methods(["POST"])
def ill_request(request, pk: int):
    """ "Request through my library": the reader's library asks the libraries holding the work."""
    record = selectors.record_get_for(request.user, pk=pk)
    requester = get_object_or_404(Organisation, pk=request.POST.get("library"))
    check(request.user, "library.change_record", requester)
    suppliers = services.loan_suppliers(record=record, requester=requester)
    with refusals_shown(request):
        services.loan_request_send(requester=requester, record=record, suppliers=suppliers)
        messages.success(request, _("The request was sent."))
    return redirect("library:record", pk=pk)


# Readers' requests ----------------------------------------------------------------------


@login_required
@require_http_methods(["POST"])
def patron_request_new(request, pk: int):
    """A reader asks their library to borrow a book it does not hold."""
    record = selectors.record_get_for(request.user, pk=pk)
    library = get_object_or_404(Organisation, pk=request.POST.get("library") or None)
    check(request.user, "library.ask_library", library)
    try:
        services.patron_request_create(
            reader=request.user, library=library, record=record, note=request.POST.get("note", "")
        )
    except services.LibraryError as exc:
        messages.error(request, str(exc))
        return redirect("library:record", pk=pk)
    messages.success(request, _("Your library has your request."))
    return redirect("library:patron_requests")


@login_required
def patron_requests(request):
    """The reader's own requests, each with where it stands in words."""
    mine = list(selectors.patron_requests_visible(request.user).filter(reader=request.user))
    for patron_request in mine:
        patron_request.stage = ReaderStage(selectors.reader_stage(patron_request))
    return render(request, "library/patron_requests.html", {"patron_requests": mine})


@login_required
@require_http_methods(["POST"])
def patron_request_answer(request, pk: int):
    """The library's librarians order the loan (one click) or decline with a reason."""
    patron_request = selectors.patron_request_get_for(request.user, pk=pk)
    check(request.user, "library.answer_patronrequest", patron_request)
    with refusals_shown(request):
        if request.POST.get("decision") == "order":
            services.patron_request_order(patron_request=patron_request, by=request.user)
            messages.success(request, _("The loan was requested from the libraries that hold it."))
        else:
            services.patron_request_decline(
                patron_request=patron_request,
                answer=request.POST.get("answer", ""),
                by=request.user,
            )
            messages.success(request, _("The reader has your answer."))
    return redirect("library:ill_queue")


@login_required
@require_http_methods(["POST"])
def patron_request_cancel(request, pk: int):
    patron_request = selectors.patron_request_get_for(request.user, pk=pk)
    check(request.user, "library.cancel_patronrequest", patron_request)
    with refusals_shown(request):
        services.patron_request_cancel(patron_request=patron_request, by=request.user)
    return redirect("library:patron_requests")


def _holding_saved(request, form, service, **target) -> bool:
    """Call the holding service with a valid form; its refusal becomes a form error."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        service(by=request.user, **target, **form.cleaned_data)
    except services.LibraryError as exc:
        form.add_error(None, str(exc))
        return False
    except ValidationError as exc:  # the model's limits, checked by the service
        form.add_error(None, exc.messages)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def holding_add(request, pk: int):
    """A librarian records a copy of this work in one of their libraries."""
    record = selectors.record_get_for(request.user, pk=pk)
    libraries = _my_member_libraries(request.user)
    if not libraries.exists():
        raise PermissionDenied
    if request.method == "POST":
        # Asked before the form: another library's librarian is refused, not corrected.
        target = Organisation.objects.filter(pk=request.POST.get("library") or None).first()
        check(request.user, "library.change_holding", target)
    form = HoldingForm(request.POST or None, libraries=libraries)
    if _holding_saved(request, form, services.holding_create, record=record):
        messages.success(request, _("The holding was added."))
        return redirect("library:record", pk=record.pk)
    return render(request, "library/holding_form.html", {"form": form, "record": record})


@login_required
@require_http_methods(["GET", "POST"])
def holding_edit(request, pk: int):
    holding = selectors.holding_get_for(request.user, pk=pk)
    check(request.user, "library.change_holding", holding)
    initial = {name: getattr(holding, name) for name in services.HOLDING_FIELDS}
    form = HoldingForm(request.POST or None, initial=initial)
    if _holding_saved(request, form, services.holding_update, holding=holding):
        messages.success(request, _("The holding was saved."))
        return redirect("library:record", pk=holding.record_id)
    return render(
        request,
        "library/holding_form.html",
        {"form": form, "record": holding.record, "holding": holding},
    )


@login_required
@require_http_methods(["POST"])
def holding_status(request, pk: int):
    """The quick availability change on the record page."""
    holding = selectors.holding_get_for(request.user, pk=pk)
    check(request.user, "library.change_holding", holding)
    status = request.POST.get("status", "")
    with refusals_shown(request):
        services.holding_update(holding=holding, status=status, by=request.user)
        messages.success(
            request, _("Availability set to %(status)s.") % {"status": HoldingStatus(status).label}
        )
    return redirect("library:record", pk=holding.record_id)


# Book exchange --------------------------------------------------------------------------


def _next_steps(user, request) -> list[tuple[str, str]]:
    """The steps of the transition table this user may take on ``request``."""
    steps = []
    for (before, to), _side in EXCHANGE_STEPS.items():
        if before != request.status:
            continue
        organisation = Organisation(pk=services.exchange_side_organisation_id(request, to))
        if user.has_perm("library.change_exchange", organisation):
            steps.append((to, ExchangeStatus(to).label))
    return steps


def exchange_index(request):
    """Open offers for everyone; for librarians, the requests their libraries take part in."""
    exchanges = []
    if request.user.is_authenticated:
        exchanges = list(selectors.exchange_requests_for(request.user))
        for exchange in exchanges:
            exchange.steps = _next_steps(request.user, exchange)
    return render(
        request,
        "library/exchange_index.html",
        {
            "offers": selectors.exchange_offers_open(),
            "exchanges": exchanges,
            "can_offer": _my_member_libraries(request.user).exists(),
        },
    )


def exchange_offer(request, pk: int):
    offer = selectors.exchange_offer_get_for(request.user, pk=pk)
    libraries = _my_member_libraries(request.user).exclude(pk=offer.library_id)
    form = None
    if libraries.exists() and not offer.closed_at:
        form = ExchangeRequestForm(libraries=libraries, offer=offer)
    return render(
        request,
        "library/exchange_offer.html",
        {
            "offer": offer,
            "items": offer.items.select_related("record", "taken_by__requester"),
            "form": form,
            "can_close": not offer.closed_at
            and request.user.has_perm("library.change_exchange", offer.library),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def exchange_offer_new(request):
    libraries = _my_member_libraries(request.user)
    if not libraries.exists():
        raise PermissionDenied
    if request.method == "POST":
        target = Organisation.objects.filter(pk=request.POST.get("library") or None).first()
        check(request.user, "library.change_exchange", target)
    form = ExchangeOfferForm(request.POST or None, libraries=libraries)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.exchange_offer_publish(
                library=form.cleaned_data["library"],
                kind=form.cleaned_data["kind"],
                titles=form.titles(),
                barcodes=form.cleaned_data["barcodes"].splitlines(),
                by=request.user,
            )
        except services.LibraryError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:  # the model's limits, checked by the service
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The offer was published."))
            return redirect("library:exchange_offer", pk=offer.pk)
    return render(request, "library/exchange_offer_form.html", {"form": form})


@login_required
@require_http_methods(["POST"])
def exchange_offer_close(request, pk: int):
    offer = selectors.exchange_offer_get_for(request.user, pk=pk)
    check(request.user, "library.change_exchange", offer.library)
    with refusals_shown(request):
        services.exchange_offer_close(offer=offer, by=request.user)
    return redirect("library:exchange_offer", pk=offer.pk)


@login_required
@require_http_methods(["POST"])
def exchange_request_new(request, pk: int):
    offer = selectors.exchange_offer_get_for(request.user, pk=pk)
    requester = get_object_or_404(Organisation, pk=request.POST.get("library") or None)
    check(request.user, "library.change_exchange", requester)
    form = ExchangeRequestForm(
        request.POST, libraries=Organisation.objects.filter(pk=requester.pk), offer=offer
    )
    if not form.is_valid():
        messages.error(request, _("Choose the copies you want."))
        return redirect("library:exchange_offer", pk=offer.pk)
    try:
        services.exchange_request_create(
            offer=offer,
            requester=requester,
            items=[int(i) for i in form.cleaned_data["items"] or [] if str(i).isdigit()],
            in_return=form.cleaned_data["in_return"],
            by=request.user,
        )
    except services.LibraryError as exc:
        messages.error(request, str(exc))
        return redirect("library:exchange_offer", pk=offer.pk)
    messages.success(request, _("Your request was sent to the offering library."))
    return redirect("library:exchange_index")


@login_required
@require_http_methods(["POST"])
def exchange_step(request, pk: int):
    """One step of an exchange, by the side the transition table names."""
    exchange = selectors.exchange_request_get_for(request.user, pk=pk)
    to = request.POST.get("to", "")
    with refusals_shown(request):
        organisation = Organisation.objects.get(
            pk=services.exchange_side_organisation_id(exchange, to)
        )
        check(request.user, "library.change_exchange", organisation)
        services.exchange_step(
            request=exchange, to=to, by_organisation=organisation, by=request.user
        )
    return redirect("library:exchange_index")


# ISO 18626 XML ----------------------------------------------------------------------------


@login_required
def ill_iso18626_export(request, pk: int):
    """The transaction's messages as ISO 18626 XML, one file a message, in a ZIP."""
    import io
    import zipfile

    from amur.library import iso18626

    loan = selectors.loan_get_for(request.user, pk=pk)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, document in enumerate(iso18626.transaction_xml(loan), start=1):
            archive.writestr(f"{iso18626.request_id(loan)}-{number:03d}.xml", document)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="iso18626-{loan.pk}.zip"'
    return response


@login_required
@require_http_methods(["POST"])
def ill_iso18626_import(request):
    """A partner's ISO 18626 message, applied for the library that sent it."""
    from amur.library import iso18626

    upload = request.FILES.get("file")
    try:
        incoming = iso18626.parse(upload.read() if upload else b"")
        sender = iso18626.sender_organisation(incoming)
        check(request.user, "library.change_record", sender)
        iso18626.apply(incoming)
    except iso18626.Iso18626Error as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The ISO 18626 message was applied."))
    return redirect("library:ill_queue")


# OAI-PMH ------------------------------------------------------------------------------------


@csrf_exempt
@require_http_methods(["GET", "POST"])
def oai_pmh(request):
    """The union catalogue's OAI-PMH 2.0 endpoint, open to every harvester (GET or POST)."""
    from amur.library import oai

    params = request.POST if request.method == "POST" else request.GET
    body = oai.respond(params, request.build_absolute_uri(request.path))
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
