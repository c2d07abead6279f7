from django.urls import reverse

from registry.extensions import nav_groups
from registry.extensions import navigation as navigation_slot


def _active_url(urls, path):
    """The one entry of the menu the page belongs to: the longest URL that is a prefix
    of the page's path (the home page only for itself)."""
    matching = [url for url in urls if path == url or (url != "/" and path.startswith(url))]
    return max(matching, key=len, default=None)


def navigation(request):
    """The menu the signed-in user's role may use: entries in the menu bar and grouped
    into dropdowns, in the order of their groups and entries."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    # The pages before the second step show no menu: every entry would lead back.
    if getattr(request, "second_factor_pending", False) and not user.is_verified():
        return {"nav_items": [], "second_factor_pending": True}
    if not user.has_area:
        return {"nav_items": []}
    entries = [
        {
            "label": item.label,
            "url": reverse(item.url_name),
            "group": item.group,
            "order": item.order,
        }
        for item in navigation_slot
        if user.role in item.roles
    ]
    active = _active_url([entry["url"] for entry in entries], request.path)
    for entry in entries:
        entry["active"] = entry["url"] == active

    groups = {group.key: group for group in nav_groups}
    bar = []
    dropdowns = {}
    for entry in entries:
        group = groups.get(entry["group"])
        if group is None:
            bar.append(entry)
            continue
        if group.key not in dropdowns:
            dropdowns[group.key] = {
                "label": group.label,
                "key": group.key,
                "order": group.order,
                "entries": [],
                "active": False,
            }
            bar.append(dropdowns[group.key])
        dropdowns[group.key]["entries"].append(entry)
        dropdowns[group.key]["active"] |= entry["active"]
    bar.sort(key=lambda entry: entry["order"])
    return {"nav_items": bar}
