"""The regional administrator's pages: districts and accounts of their region."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from registry.access import MANAGE_ROLES, role_required
from registry.forms import DistrictForm, SetPasswordForm, UserForm
from registry.models import Role
from registry.selectors import districts_managed_by, regions_managed_by, users_managed_by
from registry.services.geography import district_create, district_update
from registry.services.users import user_create, user_set_password, user_update
from registry.views.helpers import paginate, submit

ROLES_AN_ADMIN_GIVES = (Role.OFFICER, Role.REGIONAL, Role.ADMIN)
DISTRICT_FIELDS = ("code", "name_kk", "name_ru", "name_en")
ACCOUNT_FIELDS = ("role", "district", "region", "first_name", "last_name", "email")


@role_required(*MANAGE_ROLES)
def district_list(request):
    districts = districts_managed_by(request.user)
    return render(request, "registry/district_list.html", {"districts": districts})


@role_required(*MANAGE_ROLES)
def district_create_view(request):
    def create(data):
        region = regions_managed_by(request.user).get()
        return district_create(
            actor=request.user, region=region, **{f: data[f] for f in DISTRICT_FIELDS}
        )

    district, form, _conflict = submit(request, DistrictForm(request.POST or None), create)
    if district:
        messages.success(request, _("District “%s” added.") % district)
        return redirect("district_list")
    return render(request, "registry/district_form.html", {"form": form})


@role_required(*MANAGE_ROLES)
def district_edit(request, pk):
    district = get_object_or_404(districts_managed_by(request.user), pk=pk)

    def update(data):
        changes = {f: data[f] for f in (*DISTRICT_FIELDS, "is_active")}
        district_update(actor=request.user, district=district, version=data["version"], **changes)

    done, form, conflict = submit(
        request,
        DistrictForm(request.POST or None, instance=district),
        update,
        fresh=lambda current: DistrictForm(instance=current),
    )
    if done:
        messages.success(request, _("District “%s” saved.") % district)
        return redirect("district_list")
    context = {"form": form, "district": district, "conflict": conflict}
    return render(request, "registry/district_form.html", context)


def _user_form_kwargs(admin):
    return {
        "districts": districts_managed_by(admin).filter(is_active=True),
        "regions": regions_managed_by(admin),
        "roles": ROLES_AN_ADMIN_GIVES,
    }


@role_required(*MANAGE_ROLES)
def user_list(request):
    users = users_managed_by(request.user)
    query = request.GET.get("q", "").strip()
    if query:
        users = users.filter(username__icontains=query) | users.filter(last_name__icontains=query)
    context = {"page": paginate(request, users), "query": query}
    return render(request, "registry/user_list.html", context)


@role_required(*MANAGE_ROLES)
def user_create_view(request):
    def create(data):
        user_create(
            actor=request.user,
            username=data["username"],
            password=data.get("password1") or None,
            **{f: data[f] for f in ACCOUNT_FIELDS},
        )

    form = UserForm(request.POST or None, **_user_form_kwargs(request.user))
    done, form, _conflict = submit(request, form, create)
    if done:
        messages.success(request, _("Account “%s” created.") % form.cleaned_data["username"])
        return redirect("user_list")
    return render(request, "registry/user_form.html", {"form": form})


@role_required(*MANAGE_ROLES)
def user_edit(request, pk):
    account = get_object_or_404(users_managed_by(request.user), pk=pk)
    form_kwargs = _user_form_kwargs(request.user)

    def update(data):
        user_update(
            actor=request.user,
            user=account,
            version=data["version"],
            is_active=data["is_active"],
            **{f: data[f] for f in ACCOUNT_FIELDS},
        )

    done, form, conflict = submit(
        request,
        UserForm(request.POST or None, instance=account, **form_kwargs),
        update,
        fresh=lambda current: UserForm(instance=current, **form_kwargs),
    )
    if done:
        messages.success(request, _("Account “%s” saved.") % account.username)
        return redirect("user_list")
    context = {"form": form, "account": account, "conflict": conflict}
    return render(request, "registry/user_form.html", context)


@role_required(*MANAGE_ROLES)
def user_password(request, pk):
    account = get_object_or_404(users_managed_by(request.user), pk=pk)

    def set_password(data):
        user_set_password(actor=request.user, user=account, password=data["password1"])

    done, form, _conflict = submit(request, SetPasswordForm(request.POST or None), set_password)
    if done:
        messages.success(request, _("Password of “%s” set.") % account.username)
        return redirect("user_list")
    return render(request, "registry/user_password.html", {"form": form, "account": account})
