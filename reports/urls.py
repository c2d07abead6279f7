from django.urls import path

from reports.views import annual, dashboard, drilldown, quality, workbook

urlpatterns = [
    path("reports/", dashboard.dashboard, name="dashboard"),
    path("reports/children/", drilldown.children_behind, name="children_behind"),
    path("reports/annual/<int:year>.xlsx", annual.annual_workbook, name="annual_workbook"),
    path("reports/close/", annual.close_year_view, name="close_year"),
    path("reports/quality/", quality.data_quality, name="data_quality"),
    path("workbook/import/", workbook.import_upload, name="workbook_import"),
    path("workbook/import/check/", workbook.import_check, name="workbook_check"),
    path("workbook/import/annotated/", workbook.import_annotated, name="workbook_annotated"),
    path("workbook/import/confirm/", workbook.import_confirm, name="workbook_confirm"),
    path("workbook/export/", workbook.export_page, name="workbook_export"),
    path("workbook/export/download/", workbook.export_download, name="workbook_export_download"),
]
