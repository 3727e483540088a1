# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from amur.core import phrases
from amur.core.pagecache import ALL, public_page
from amur.core.permissions import check
from amur.directory import selectors, services
from amur.directory.forms import DirectoryFilterForm, OrganisationForm, PersonForm

PAGE_SIZE = 30


def organisation_list(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.organisations_filtered(**{k: v for k, v in filters.items() if v})
    page = Paginator(qs.prefetch_related("fields"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "querystring": _querystring(request)}
    if request.headers.get("HX-Request"):
        return render(request, "directory/organisation_list.html#results", context)
    return render(request, "directory/organisation_list.html", context)


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def organisation_logo(request, pk: int):
    """Logos are public; Amur serves them itself (production serves no /media/)."""
    organisation = selectors.organisation_get_for(request.user, pk=pk)
    if not organisation.logo:
        raise Http404
    return FileResponse(organisation.logo.open("rb"))


@public_page(*ALL)
def organisation_detail(request, pk: int):
    organisation = selectors.organisation_get_for(request.user, pk=pk)
    people = selectors.organisation_people(organisation, request.user)
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "people": people,
            "can_change": request.user.has_perm("directory.change_organisation", organisation),
            "can_manage_roles": request.user.has_perm("directory.manage_roles", organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    check(request.user, "directory.add_organisation")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = services.organisation_create(by=request.user, **data)
        messages.success(request, phrases.SAVED)
        return redirect("directory:organisation", pk=organisation.pk)
    return render(request, "directory/organisation_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk: int):
    organisation = selectors.organisation_get_for(request.user, pk=pk)
    check(request.user, "directory.change_organisation", organisation)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation.refresh_from_db()
        services.organisation_update(
            organisation=organisation, by=request.user, **form.cleaned_data
        )
        messages.success(request, phrases.SAVED)
        return redirect("directory:organisation", pk=organisation.pk)
    return render(
        request, "directory/organisation_form.html", {"form": form, "organisation": organisation}
    )


def person_detail(request, pk: int):
    person = selectors.person_get_for(request.user, pk=pk)
    affiliations = person.affiliations.select_related("organisation").order_by("-start")
    return render(
        request,
        "directory/person_detail.html",
        {
            "person": person,
            "affiliations": affiliations,
            "languages": person.languages.all(),
            "can_change": request.user.has_perm("directory.change_person", person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    person = selectors.person_get_for(request.user, pk=pk)
    check(request.user, "directory.change_person", person)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        person.refresh_from_db()
        services.person_update(person=person, by=request.user, **form.cleaned_data)
        messages.success(request, phrases.SAVED)
        return redirect("directory:person", pk=person.pk)
    return render(request, "directory/person_form.html", {"form": form, "person": person})
