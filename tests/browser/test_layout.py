"""Every page fits the screen: each role's pages, in Kazakh, Russian and English, at
1280 px and at 390 px, are no wider than the window and no link, button or heading
covers another's text. The pages are found by walking the project's URL names (those
without arguments) and following the links the pages give to the others, so that a
new page joins the walk by itself."""

import io
import re
from heapq import heappop, heappush
from html import unescape
from itertools import count
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from children.models import Child
from registry.models import User
from tests.children.factories import registered_twice
from tests.conftest import login
from tests.urlwalk import PUBLIC, all_urls, plain_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE, NARROW, HEIGHT = 1280, 390, 900
LANGUAGES = ("kk", "ru", "en")
# The demo region's accounts: one per role (devdata's load_demo).
ACCOUNTS = ("officer", "regional", "admin", "national")
# Signing out would end the walk's session; the sign-in pages are not the role's.
NOT_WALKED = PUBLIC | {"logout", "otp_verify"}
# Pages the walk does not reach in the demo region. Every other URL name must be
# walked, or answer only POST, or be a file.
UNLINKED = {
    # The steps of an import: they show the workbook just uploaded (a POST).
    "exchange:check",
    "exchange:annotated",
    # A job's page, its progress fragment and its file: the demo region has no jobs.
    "job_detail",
    "job_progress",
    "job_file",
    # The annual report is a button (a form's action, POST) that starts its job.
    "reports:annual_workbook",
    # A button (a form's action) on the account's page, not a link.
    "user_otp_reset",
    # Turning the second factor off is offered only where it is not required; every
    # demo account must use it.
    "otp_disable",
    # Offered only on the page of a graduate who may live in a youth home or waits for
    # one; the walk stops before it finds one among the demo's children.
    "care:stay_add",
    "care:waiting_add",
    "care:waiting_end",
    # A service account's page and its buttons: the demo region has no service
    # accounts (tests/api/test_manage_pages.py); making a token is a form's action.
    "service_accounts:detail",
    "service_accounts:token_create",
    "service_accounts:token_revoke",
}

# What a user sees: the document no wider than the window; no two visible links,
# buttons, headings or labels overlapping (the part of an element inside a box made
# to scroll, .table-responsive, counts only where the box shows it).
CHECK = """(root) => {
  const scope = root ? document.querySelector(root) : document;
  const selector = 'a, button, h1, h2, h3, h4, h5, h6, label, summary';
  const name = (el) => {
    const text = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ');
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text.slice(0, 40)}"`;
  };
  const boxes = [];
  for (const el of scope.querySelectorAll(selector)) {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const clip = el.closest('.table-responsive');
    const shown = clip ? clip.getBoundingClientRect() : null;
    for (const rect of el.getClientRects()) {
      let {left, right, top, bottom} = rect;
      if (shown) {
        left = Math.max(left, shown.left); right = Math.min(right, shown.right);
        top = Math.max(top, shown.top); bottom = Math.min(bottom, shown.bottom);
      }
      if (right - left < 2 || bottom - top < 2) continue;
      boxes.push({el, left, right, top, bottom, clipped: !!shown});
    }
  }
  const problems = [];
  const width = window.innerWidth;
  const wider = document.documentElement.scrollWidth - width;
  if (wider > 0) problems.push(`the page is ${wider} px wider than the window (${width} px)`);
  for (const box of boxes) {
    if (!box.clipped && (box.right > width + 1 || box.left < -1)) {
      problems.push(`${name(box.el)} is outside the window (${Math.round(box.left)}..${Math.round(box.right)} px)`);
    }
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across > 2 && down > 2) problems.push(`${name(a.el)} overlaps ${name(b.el)}`);
    }
  }
  return [...new Set(problems)].slice(0, 8);
}"""


def sign_in(browser, live_server, client, language):
    """A page of a new browser context in the session of `client` (signed in, past the
    second step), reading `language`."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": WIDE, "height": HEIGHT}
    )
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {"name": name, "value": value, "url": live_server.url}
            for name, value in (
                (settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value),
                (settings.LANGUAGE_COOKIE_NAME, language),
            )
        ]
    )
    page = context.new_page()
    page.goto("/")
    return page


def open_page(page, url):
    """Whether `url` opened as an HTML page (not a download)."""
    try:
        response = page.goto(url, wait_until="domcontentloaded")
    except PlaywrightError:  # a download: not a page
        return False
    return response is not None and response.status == 200


# The walk stops after this many pages in a row showed no page not seen yet.
FRUITLESS = 40
HREF = re.compile(r'href="(/[^"#]*)"')


def walk(client, seeds=()):
    """({name: url}, names that are not pages) of the pages the client's role can open: the URL names without
    arguments, then the links the pages give to the others. The pages are read with
    Django's test client (quick). A link to a page not seen yet goes first; then more
    pages of the names richest in links (more children's pages), until that stops
    showing new pages. The page kept for a name is the one with the most links (the
    fullest child's page, not an empty one)."""

    def rank(name, url):
        """Another record's page (another child) before another list's filter; the
        names richest in links first."""
        return (0 if resolve(urlsplit(url).path).kwargs else 1, -best[name][0])

    queue = []  # (name seen, rank, order, name, url): a heap
    order = count()
    for name, url in [*plain_urls(), *seeds]:
        if name not in NOT_WALKED:
            heappush(queue, (False, 0, 0, next(order), name, url))
    seen_urls = {url for *_rest, url in queue}
    best = {}  # name: (number of links, url)
    fruitless = 0
    not_pages = set()
    while queue and fruitless < FRUITLESS:
        seen, *_rank, _order, name, url = heappop(queue)
        if not seen and name in best:  # seen since it was queued: it waits its turn
            heappush(queue, (True, *rank(name, url), next(order), name, url))
            continue
        response = client.get(url)
        if response.status_code == 405 or "text/html" not in response.get("Content-Type", ""):
            not_pages.add(name)  # a form's action (POST only) or a file
        if response.status_code != 200 or name in not_pages:
            continue
        hrefs = [unescape(href) for href in HREF.findall(response.content.decode())]
        fruitless = 0 if name not in best else fruitless + 1
        if name not in best or len(hrefs) > best[name][0]:
            best[name] = (len(hrefs), url)
        for href in hrefs:
            try:
                linked = resolve(urlsplit(href).path).view_name
            except Resolver404:
                continue
            if linked in NOT_WALKED or href in seen_urls:
                continue
            seen_urls.add(href)
            seen = linked in best
            heappush(
                queue, (seen, *(rank(linked, href) if seen else (0, 0)), next(order), linked, href)
            )
    return {name: url for name, (_count, url) in best.items()}, not_pages


def check(page, width, where, problems, root=None):
    page.set_viewport_size({"width": width, "height": HEIGHT})
    for problem in page.evaluate(CHECK, root):
        problems.append(f"{where} at {width} px: {problem}")


def check_menu(page, where, problems):
    """Every dropdown of the menu opens inside the window at 1280 px; at 390 px the
    toggler opens the collapsed menu and its dropdowns."""
    page.set_viewport_size({"width": WIDE, "height": HEIGHT})
    toggles = page.locator("nav.navbar .dropdown-toggle")
    for index in range(toggles.count()):
        toggles.nth(index).click()
        expect(page.locator("nav.navbar .dropdown-menu.show")).to_be_visible()
        check(page, WIDE, f"{where}, menu {index + 1} open", problems, root="nav.navbar")
        page.keyboard.press("Escape")
    page.set_viewport_size({"width": NARROW, "height": HEIGHT})
    toggler = page.locator("nav.navbar .navbar-toggler")
    expect(toggler).to_be_visible()
    toggler.click()
    expect(page.locator("#main-menu")).to_be_visible()
    dropdowns = page.locator("#main-menu .dropdown-toggle")
    if dropdowns.count():
        dropdowns.first.click()
        expect(page.locator("#main-menu .dropdown-menu.show .dropdown-item").first).to_be_visible()
    check(page, NARROW, f"{where}, collapsed menu open", problems, root="nav.navbar")


def test_every_page_fits_the_screen_in_every_language_and_role(browser, live_server):
    call_command("load_demo", stdout=io.StringIO())
    # A suspected duplicate, so that the walk reaches the pair's pages from the
    # data-quality drill-down.
    officer = User.objects.get(username="officer")
    first = Child.objects.filter(district=officer.district).first()
    pair = reverse(
        "children:duplicate_pair", kwargs={"pk": first.pk, "other": registered_twice(first).pk}
    )
    seeds = [
        ("children:duplicate_pair", pair),
        ("children:not_duplicate_add", f"{pair}different/"),
        ("children:child_merge", f"{pair}merge/"),
    ]
    problems = []
    walked = set()
    for username in ACCOUNTS:
        client = login(User.objects.get(username=username))
        pages, not_pages = walk(client, seeds)
        walked |= set(pages) | not_pages
        for language in LANGUAGES:
            page = sign_in(browser, live_server, client, language)
            check_menu(page, f"{username} {language} /", problems)
            for name, url in pages.items():
                page.set_viewport_size({"width": WIDE, "height": HEIGHT})
                if not open_page(page, url):
                    continue
                where = f"{username} {language} {url} ({name})"
                check(page, WIDE, where, problems)
                check(page, NARROW, where, problems)
            page.context.close()
    assert not problems, "\n".join(problems)
    # Every page of the project was walked by some role, but for what is not a page.
    missing = {name for name, _url in all_urls()} - walked - NOT_WALKED - UNLINKED
    assert not missing, f"pages no role reached: {sorted(missing)}"


def test_a_printed_page_shows_the_data_without_controls(page_for, officer_a, district_a):
    """Printing the list of children prints its table whole, without the menu, the
    buttons, the filter box or the pages."""
    from children.models import PlacementForm
    from registry.views.helpers import PAGE_SIZE
    from tests.children.factories import place, register_child
    from tests.conftest import PASSWORD

    for number in range(PAGE_SIZE + 1):  # more than a page: the list has pagination
        child = register_child(officer_a, district_a, last_name=f"Әбенов{number:02d}")
        if not number:
            place(officer_a, child, PlacementForm.GUARDIANSHIP, child.registered_on)
    page = page_for(officer_a, PASSWORD)
    page.goto("/children/")
    expect(page.locator(".pagination")).to_be_visible()
    page.emulate_media(media="print")
    for hidden in ("nav.navbar", "main form", "main .btn", ".pagination", "footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("main table")).to_be_visible()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.table-responsive')).overflowX")
        == "visible"
    )
    page.emulate_media(media="screen")
    expect(page.locator("nav.navbar")).to_be_visible()
