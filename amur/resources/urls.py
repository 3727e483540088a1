# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.resources import views

app_name = "resources"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("reports/", views.reports, name="reports"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/versions/", views.version_add, name="version_add"),
    path("<int:pk>/adopt/", views.adopt, name="adopt"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/propose/", views.propose, name="propose"),
    path("<int:pk>/metadata/", views.metadata_view, name="metadata"),
    path("<int:pk>/package.zip", views.package, name="package"),
    path("versions/<int:pk>/revisions/", views.revision_add, name="revision_add"),
    path("files/<int:pk>/download/", views.download, name="download"),
    path("files/<int:pk>/preview/", views.preview, name="preview"),
    path("proposals/<int:pk>/translation/", views.translation_submit, name="translation_submit"),
    path("proposals/<int:pk>/review/", views.translation_review, name="translation_review"),
    path("termbase/", views.termbase_index, name="termbase"),
    path("termbase/new/", views.concept_edit, name="concept_create"),
    path("termbase/import/", views.termbase_import, name="termbase_import"),
    path("termbase/export.<str:fmt>", views.termbase_export, name="termbase_export"),
    path("termbase/<int:pk>/", views.concept_detail, name="concept"),
    path("termbase/<int:pk>/edit/", views.concept_edit, name="concept_edit"),
    path("termbase/<int:pk>/approve/", views.concept_approve, name="concept_approve"),
]
