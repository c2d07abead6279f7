from django.urls import path

from reports.views import annual, dashboard, drilldown, quality

app_name = "reports"

urlpatterns = [
    path("reports/", dashboard.dashboard, name="dashboard"),
    path("reports/children/", drilldown.children_behind, name="children_behind"),
    path("reports/annual/<int:year>.xlsx", annual.annual_workbook, name="annual_workbook"),
    path("reports/close/", annual.close_year_view, name="close_year"),
    path("reports/quality/", quality.data_quality, name="data_quality"),
]
