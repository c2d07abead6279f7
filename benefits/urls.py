from django.urls import path

from benefits.views import lists, records

CHILD = "children/<int:pk>/"

urlpatterns = [
    path("benefits/", lists.missing_allowance_list, name="benefits_missing_allowance"),
    path("benefits/alimony/", lists.alimony_balance_list, name="alimony_balance"),
    path("benefits/alimony/unpaid/", lists.alimony_unpaid_list, name="alimony_unpaid"),
    path(f"{CHILD}allowances/new/", records.allowance_grant_view, name="allowance_grant"),
    path(
        f"{CHILD}allowances/<int:allowance_pk>/end/",
        records.allowance_end_view,
        name="allowance_end",
    ),
    path(
        f"{CHILD}allowances/<int:allowance_pk>/edit/",
        records.allowance_correct_view,
        name="allowance_correct",
    ),
    path(f"{CHILD}alimony/new/", records.alimony_order_add_view, name="alimony_order_add"),
    path(
        f"{CHILD}alimony/<int:order_pk>/edit/",
        records.alimony_order_correct_view,
        name="alimony_order_correct",
    ),
    path(
        f"{CHILD}alimony/<int:order_pk>/end/",
        records.alimony_order_end_view,
        name="alimony_order_end",
    ),
    path(
        f"{CHILD}alimony/<int:order_pk>/payments/new/",
        records.alimony_payment_view,
        name="alimony_payment",
    ),
]
