from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from registry.views import account, audit, health, home, jobs, manage

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(success_url="/"),
        name="password_change",
    ),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/security/", account.account_security, name="account_security"),
    path("accounts/otp/", account.otp_verify, name="otp_verify"),
    path("accounts/otp/setup/", account.otp_setup, name="otp_setup"),
    path("accounts/otp/disable/", account.otp_disable, name="otp_disable"),
    path("accounts/otp/recovery-codes/", account.otp_recovery_codes, name="otp_recovery_codes"),
    path("manage/districts/", manage.district_list, name="district_list"),
    path("manage/districts/new/", manage.district_create_view, name="district_create"),
    path("manage/districts/<int:pk>/", manage.district_edit, name="district_edit"),
    path("manage/users/", manage.user_list, name="user_list"),
    path("manage/users/new/", manage.user_create_view, name="user_create"),
    path("manage/users/<int:pk>/", manage.user_edit, name="user_edit"),
    path("manage/users/<int:pk>/password/", manage.user_password, name="user_password"),
    path("manage/users/<int:pk>/second-factor/", account.otp_reset, name="user_otp_reset"),
    path("audit/", audit.audit_trail, name="audit_trail"),
    path("audit/access/", audit.access_log, name="access_log"),
    path("jobs/", jobs.job_list, name="job_list"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", jobs.job_progress, name="job_progress"),
    path("jobs/<int:pk>/file/", jobs.job_file, name="job_file"),
    path("", include("children.urls")),
    path("", include("housing.urls")),
    path("", include("benefits.urls")),
    path("", include("care.urls")),
    path("", include("documents.urls")),
    path("", include("reports.urls")),
    path("", include("exchange.urls")),
    path("", include("api.manage_urls")),
    path("api/", include("api.urls")),
]
