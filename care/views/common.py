from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def form_page(request, child, form, title, conflict=(), intro="", anchor="care"):
    context = {
        "child": child,
        "form": form,
        "title": title,
        "conflict": conflict,
        "intro": intro,
        "cancel": f"{child.get_absolute_url()}#{anchor}",
    }
    return render(request, "children/child_form.html", context)


def saved(request, child, anchor="care"):
    messages.success(request, _("Saved."))
    return redirect(f"{child.get_absolute_url()}#{anchor}")
