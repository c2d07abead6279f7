from django.urls import path

from exchange.views import workbook

app_name = "exchange"

urlpatterns = [
    path("workbook/import/", workbook.import_upload, name="import"),
    path("workbook/import/check/", workbook.import_check, name="check"),
    path("workbook/import/annotated/", workbook.import_annotated, name="annotated"),
    path("workbook/import/confirm/", workbook.import_confirm, name="confirm"),
    path("workbook/export/", workbook.export_page, name="export"),
    path("workbook/export/download/", workbook.export_download, name="export_download"),
]
