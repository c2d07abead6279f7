"""Places where later apps plug into pages of earlier ones, keeping imports one-way.

The core cannot import `children`, and `children` cannot import `housing`; yet the
home page shows each app's work, the navigation lists each app's pages and the
child's page shows housing and benefits. Each app registers what it adds in its
`AppConfig.ready()`; the page renders whatever is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    """A menu entry. With a `group` (the key of a registered NavGroup) it is listed in
    that group's dropdown; without one it stands in the menu bar itself."""

    label: str
    url_name: str
    roles: tuple
    order: int = 100
    group: str = ""


@dataclass(frozen=True)
class NavGroup:
    """A dropdown of the menu bar. The app that owns the group registers it; the
    group shows only when the user may use one of its entries."""

    key: str
    label: str
    order: int = 100


@dataclass(frozen=True)
class Panel:
    """A fragment of a page: `context(request, **kwargs)` returns its template
    context, or None when the panel has nothing to show for this request."""

    template: str
    context: Callable
    order: int = 100


class Slot:
    def __init__(self, name: str):
        self.name = name
        self._items: list = []

    def register(self, item) -> None:
        if item not in self._items:
            self._items.append(item)
            self._items.sort(key=lambda entry: entry.order)

    def __iter__(self):
        return iter(self._items)

    def panels(self, request, **kwargs) -> list[tuple[str, dict]]:
        """(template, context) for each registered panel that has something to show."""
        rendered = []
        for panel in self._items:
            context = panel.context(request, **kwargs)
            if context is not None:
                rendered.append((panel.template, context))
        return rendered


navigation = Slot("navigation")
nav_groups = Slot("nav_groups")
home_panels = Slot("home_panels")


@dataclass(frozen=True)
class RegionSetup:
    """`setup(regions)` gives regions just added what a later app keeps per region (the
    care app's visit schedule), in the transaction that adds them."""

    setup: Callable
    order: int = 100


region_setups = Slot("region_setups")
