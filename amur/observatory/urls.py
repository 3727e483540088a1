# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.urls import path

from amur.observatory import views

app_name = "observatory"
urlpatterns = [
    path("", views.index, name="index"),
    path("series/", views.series, name="series"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("tables/<slug:key>.<slug:fmt>", views.export, name="export"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/download.<slug:fmt>", views.report_file, name="report_file"),
]
