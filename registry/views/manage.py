"""The regional administrator's pages: districts and accounts of their region."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from registry.access import MANAGE_ROLES, role_required
from registry.forms import DistrictForm, SetPasswordForm, UserForm
from registry.models import Role
from registry.selectors import districts_managed_by, regions_managed_by, users_managed_by
from registry.services.base import EditConflict
from registry.services.geography import district_create, district_update
from registry.services.users import user_create, user_set_password, user_update
from registry.views.helpers import add_service_errors, conflicting_values, paginate

ROLES_AN_ADMIN_GIVES = (Role.OFFICER, Role.REGIONAL, Role.ADMIN)


@role_required(*MANAGE_ROLES)
def district_list(request):
    districts = districts_managed_by(request.user)
    return render(request, "registry/district_list.html", {"districts": districts})


@role_required(*MANAGE_ROLES)
def district_create_view(request):
    form = DistrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            district = district_create(
                actor=request.user,
                region=regions_managed_by(request.user).get(),
                **{
                    name: form.cleaned_data[name]
                    for name in ("code", "name_kk", "name_ru", "name_en")
                },
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("District “%s” added.") % district)
            return redirect("district_list")
    return render(request, "registry/district_form.html", {"form": form})


@role_required(*MANAGE_ROLES)
def district_edit(request, pk):
    district = get_object_or_404(districts_managed_by(request.user), pk=pk)
    form = DistrictForm(request.POST or None, instance=district)
    conflict = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            district_update(actor=request.user, district=district, version=version, **data)
        except EditConflict as error:
            form = DistrictForm(instance=error.current)
            conflict = conflicting_values_for(request, form, DistrictForm, district, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("District “%s” saved.") % district)
            return redirect("district_list")
    return render(
        request,
        "registry/district_form.html",
        {"form": form, "district": district, "conflict": conflict},
    )


def conflicting_values_for(request, current_form, form_class, instance, error, **form_kwargs):
    """Tell the user their save was refused and what they had typed."""
    messages.error(request, error.messages[0])
    submitted = form_class(request.POST, instance=instance, **form_kwargs)
    submitted.is_valid()
    return conflicting_values(submitted, current_form)


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
    return render(
        request, "registry/user_list.html", {"page": paginate(request, users), "query": query}
    )


@role_required(*MANAGE_ROLES)
def user_create_view(request):
    form = UserForm(request.POST or None, **_user_form_kwargs(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = user_create(
                actor=request.user,
                username=data["username"],
                role=data["role"],
                district=data["district"],
                region=data["region"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                password=data.get("password1") or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Account “%s” created.") % user.username)
            return redirect("user_list")
    return render(request, "registry/user_form.html", {"form": form})


@role_required(*MANAGE_ROLES)
def user_edit(request, pk):
    account = get_object_or_404(users_managed_by(request.user), pk=pk)
    form_kwargs = _user_form_kwargs(request.user)
    form = UserForm(request.POST or None, instance=account, **form_kwargs)
    conflict = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user_update(
                actor=request.user,
                user=account,
                version=data["version"],
                role=data["role"],
                district=data["district"],
                region=data["region"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                is_active=data["is_active"],
            )
        except EditConflict as error:
            form = UserForm(instance=error.current, **form_kwargs)
            conflict = conflicting_values_for(
                request, form, UserForm, account, error, **form_kwargs
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Account “%s” saved.") % account.username)
            return redirect("user_list")
    return render(
        request, "registry/user_form.html", {"form": form, "account": account, "conflict": conflict}
    )


@role_required(*MANAGE_ROLES)
def user_password(request, pk):
    account = get_object_or_404(users_managed_by(request.user), pk=pk)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_set_password(
                actor=request.user, user=account, password=form.cleaned_data["password1"]
            )
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            messages.success(request, _("Password of “%s” set.") % account.username)
            return redirect("user_list")
    return render(request, "registry/user_password.html", {"form": form, "account": account})
