"""The menu: grouped into dropdowns per role, and one entry highlighted at a time."""

import re


def menu(client, url):
    page = client.get(url).content.decode()
    return page[page.index('<nav class="navbar') : page.index("</nav>")]


def dropdowns(nav):
    """{group label: [entry labels]} of the menu's dropdowns (the account menu aside)."""
    groups = {}
    for block in re.findall(r'<li class="nav-item dropdown">(.*?)</ul>\s*</li>', nav, re.S):
        toggle = re.search(r'id="menu-([\w-]+)"[^>]*>([^<]+)</a>', block)
        if toggle.group(1) == "account":
            continue
        groups[toggle.group(2)] = re.findall(r'class="dropdown-item[^"]*"[^>]*>([^<]+)</a>', block)
    return groups


def highlighted(nav):
    return re.findall(r'aria-current="page" href="([^"]+)"', nav)


def test_an_administrators_menu_is_grouped(as_user, admin_user):
    groups = dropdowns(menu(as_user(admin_user), "/"))
    assert list(groups) == [
        "Children",
        "Follow-up",
        "Reports",
        "Register workbook",
        "Administration",
    ]
    assert groups["Administration"] == [
        "Districts",
        "Visit schedule",
        "Accounts",
        "Service accounts",
        "Audit trail",
        "Access log",
    ]
    assert groups["Reports"] == ["Indicators", "Data quality", "Close a year"]
    assert groups["Register workbook"] == ["Import", "Export", "My jobs"]


def test_an_officer_sees_no_administration(as_user, officer_a):
    nav = menu(as_user(officer_a), "/")
    groups = dropdowns(nav)
    assert "Administration" not in groups
    assert groups["Children"] == ["List of children", "Register a child", "Institutions"]
    assert groups["Reports"] == ["Indicators", "Data quality"]
    assert 'href="/housing/"' in nav and 'href="/benefits/"' in nav


def test_the_menu_is_translated(as_user, regional_user):
    groups = dropdowns(menu(as_user(regional_user, language="ru"), "/"))
    assert "Дети" in groups and "Книга реестра" in groups
    assert "Children" not in groups


def test_one_entry_is_highlighted_the_longest_prefix(as_user, admin_user):
    client = as_user(admin_user)
    assert highlighted(menu(client, "/reports/quality/")) == ["/reports/quality/"]
    assert highlighted(menu(client, "/reports/")) == ["/reports/"]
    assert highlighted(menu(client, "/follow-up/schedule/")) == ["/follow-up/schedule/"]
    assert highlighted(menu(client, "/follow-up/")) == ["/follow-up/"]
    assert highlighted(menu(client, "/")) == []
    nav = menu(client, "/reports/quality/")
    assert re.search(r'dropdown-toggle active"[^>]*id="menu-reports"', nav)
    assert not re.search(r'dropdown-toggle active"[^>]*id="menu-admin"', nav)


def test_a_group_without_an_entry_for_the_role_is_not_shown(as_user, regional_user):
    nav = menu(as_user(regional_user), "/")
    assert "Administration" not in dropdowns(nav)
    assert 'href="/workbook/export/"' in nav and 'href="/workbook/import/"' not in nav
