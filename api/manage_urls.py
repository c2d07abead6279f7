from django.urls import path

from api.views import manage

app_name = "service_accounts"

urlpatterns = [
    path("manage/service-accounts/", manage.account_list, name="list"),
    path("manage/service-accounts/new/", manage.account_create, name="create"),
    path("manage/service-accounts/<int:pk>/", manage.account_detail, name="detail"),
    path(
        "manage/service-accounts/<int:pk>/tokens/new/",
        manage.token_create_view,
        name="token_create",
    ),
    path(
        "manage/service-accounts/<int:pk>/tokens/<int:token_pk>/revoke/",
        manage.token_revoke_view,
        name="token_revoke",
    ),
]
