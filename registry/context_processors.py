from django.urls import reverse

from registry.extensions import navigation as navigation_slot


def navigation(request):
    """The menu entries the signed-in user's role may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_area:
        return {"nav_items": []}
    path = request.path
    items = []
    for item in navigation_slot:
        if user.role in item.roles:
            url = reverse(item.url_name)
            items.append(
                {"label": item.label, "url": url, "active": url != "/" and path.startswith(url)}
            )
    return {"nav_items": items}
