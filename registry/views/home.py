from django.shortcuts import render

from registry.access import districts_visible_to
from registry.extensions import home_panels


def home(request):
    """The start page: the user's area, then what each app has for the user today."""
    user = request.user
    context = {
        "districts": districts_visible_to(user).select_related("region") if user.has_area else [],
        "panels": home_panels.panels(request) if user.has_area else [],
    }
    return render(request, "registry/home.html", context)
