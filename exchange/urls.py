from django.urls import path

from exchange.views import workbook

urlpatterns = [
    path("workbook/import/", workbook.import_upload, name="workbook_import"),
    path("workbook/import/check/", workbook.import_check, name="workbook_check"),
    path("workbook/import/annotated/", workbook.import_annotated, name="workbook_annotated"),
    path("workbook/import/confirm/", workbook.import_confirm, name="workbook_confirm"),
    path("workbook/export/", workbook.export_page, name="workbook_export"),
    path("workbook/export/download/", workbook.export_download, name="workbook_export_download"),
]
