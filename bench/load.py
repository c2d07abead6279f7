"""Load test: concurrent users browsing and writing against gunicorn on 127.0.0.1.

    python bench/load.py [--users 20] [--seconds 60] [--workers 4] [--think 2] [--port 8765]

It uses the configured database (DATABASE_URL; the register must already hold data,
e.g. from `generate_register`), creates one officer account per user in the
register's districts (password from the environment or a fixed bench password),
collects the static files, starts gunicorn with `--workers`, and lets the users work
in threads. First each signs in, one after the other over `--ramp` seconds (signing
in costs a deliberately slow password hash, once a working day); those sign-ins are
timed and reported apart. Then, all signed in, they browse for `--seconds`, each
starting within its first pause (at random, so that they do not click in step): each
loops over the home page (the work list), the children list with a filter, a child's
page, the indicators, and in one round in five (at random, so that users do not write
in step) registers a child through the form. Between two pages a user reads for
`--think` seconds on average (uniformly from half to one and a half times it), as a
person does; `--think 0` is a stress test, each user sending the next request as soon
as the last one is answered. The 95th percentile is that of the browsing requests. At
the end it checks that every child registered is in the database and has its audit
entries, prints the number of requests, errors, and the median, 95th percentile and
maximum latency per page, and exits non-zero if any request failed or any write is
missing.
"""

from __future__ import annotations

import argparse
import datetime
import http.cookiejar
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = os.environ.get("BENCH_PASSWORD", "Bench-load-password-2026")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHILD_LINK = re.compile(r'href="/children/(\d+)/"')


def django_setup(env: dict):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


class User(threading.Thread):
    def __init__(self, base: str, username: str, browse: Browsing, seed: int, think: float):
        super().__init__(daemon=True)
        self.base, self.username, self.browse, self.think = base, username, browse, think
        self.delay = 0.0
        self.signed_in = threading.Event()
        self.random = random.Random(seed)  # noqa: S311 - load pattern, not secrets
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.timings: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.registered: list[str] = []
        self.moments: list[tuple[float, float]] = []  # (when it was sent, seconds taken)

    def request(self, name: str, path: str, data: dict | None = None) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Accept-Language", "ru")
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                text = response.read().decode("utf-8", "replace")
                status = response.status
        except urllib.error.HTTPError as error:
            text, status = error.read().decode("utf-8", "replace"), error.code
        except Exception as error:  # network failures count as errors
            self.errors.append(f"{name}: {error}")
            return ""
        taken = time.perf_counter() - started
        self.timings.setdefault(name, []).append(taken)
        if self.signed_in.is_set():
            self.moments.append((started, taken))
        if status >= 400:
            self.errors.append(f"{name} {path}: HTTP {status}")
        if self.think and self.signed_in.is_set():
            time.sleep(self.think * self.random.uniform(0.5, 1.5))
        return text

    def sign_in(self) -> None:
        page = self.request("login form", "/accounts/login/")
        token = CSRF.search(page).group(1)
        self.request(
            "sign in",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
        )

    def register_child(self) -> None:
        page = self.request("registration form", "/children/new/")
        match = CSRF.search(page)
        if not match:
            self.errors.append("registration form: no form")
            return
        last_name = f"Нагрузка{secrets.token_hex(4)}"
        self.request(
            "register a child",
            "/children/new/",
            {
                "csrfmiddlewaretoken": match.group(1),
                "iin": "",
                "last_name": last_name,
                "first_name": "Тест",
                "middle_name": "",
                "birth_date": "2015-05-05",
                "sex": "M",
                "registered_on": datetime.date.today().isoformat(),
                "category": "without_care",
                "reason": "deprived",
                "status_start": datetime.date.today().isoformat(),
                "document": "",
                "confirm_similar": "on",
            },
        )
        self.registered.append(last_name)

    def run(self) -> None:
        time.sleep(self.delay)
        try:
            self.sign_in()
        finally:
            self.signed_in.set()  # a failed sign-in is an error; the others go on
        self.browse.started.wait()
        time.sleep(self.think * self.random.uniform(0, 1.5))
        while time.monotonic() < self.browse.deadline:
            self.request("home", "/")
            listing = self.request(
                "children list", f"/children/?state=active&page={self.random.randint(1, 3)}"
            )
            children = CHILD_LINK.findall(listing)
            if children:
                self.request("child page", f"/children/{self.random.choice(children)}/")
            self.request("indicators", f"/reports/?year={datetime.date.today().year - 1}")
            # One round in five, at random: users do not write in step with each other.
            if self.random.random() < 0.2:
                self.register_child()


class Browsing:
    """When the users, all signed in, start browsing, and until when."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.deadline = 0.0
        self.clock = 0.0  # time.perf_counter() at the start

    def start(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.clock = time.perf_counter()
        self.started.set()


def quantile95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between pages")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which users arrive")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--out", help="write the results as JSON to this file")
    args = parser.parse_args()

    static_root = tempfile.mkdtemp(prefix="registry-static-")
    env = {
        "DJANGO_SETTINGS_MODULE": "registry.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": static_root,
        "LANGUAGE_CODE": "ru",
        # Quiet, like gunicorn's --log-level below: no access line for each request.
        "LOG_LEVEL": "WARNING",
        # A load test signs the same accounts in many times; keep throttling off its way.
        "AXES_FAILURE_LIMIT": "1000",
        # Its users are officers who sign in with their password only, as the roll-out
        # setting allows: the timings are of browsing, not of the second step.
        "OTP_REQUIRED_FOR_OFFICERS": "0",
    }
    django_setup(env)
    from django.core.management import call_command

    from children.models import Child
    from registry.audit import system_actor
    from registry.models import AuditEntry, District, Role
    from registry.models import User as Account
    from registry.services.users import user_create

    call_command("collectstatic", "--no-input", verbosity=0)
    districts = list(District.objects.filter(children__isnull=False).distinct()[: args.users])
    if not districts:
        print("The register is empty: run generate_register first.")
        return 2
    usernames = []
    for number in range(args.users):
        username = f"load-officer-{number}"
        district = districts[number % len(districts)]
        account = Account.objects.filter(username=username).first()
        if account is None:
            user_create(
                actor=system_actor(),
                username=username,
                role=Role.OFFICER,
                district=district,
                password=PASSWORD,
            )
        usernames.append(username)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "registry.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _attempt in range(60):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=2)
                break
            except Exception:
                time.sleep(0.5)
        browse = Browsing()
        users = [User(base, name, browse, seed, args.think) for seed, name in enumerate(usernames)]
        for number, user in enumerate(users):
            user.delay = args.ramp * number / len(users)
        for user in users:
            user.start()
        for user in users:
            user.signed_in.wait(timeout=args.ramp + 120)
        started = time.monotonic()
        browse.start(args.seconds)
        clock = browse.clock
        for user in users:
            user.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    timings: dict[str, list[float]] = {}
    errors, registered = [], []
    for user in users:
        errors += user.errors
        registered += user.registered
        for name, values in user.timings.items():
            timings.setdefault(name, []).extend(values)
    stored = set(Child.objects.filter(last_name__in=registered).values_list("last_name", flat=True))
    missing = sorted(set(registered) - stored)
    unaudited = (
        Child.objects.filter(last_name__in=registered)
        .exclude(
            pk__in=AuditEntry.objects.filter(
                content_type__model="child", action=AuditEntry.Action.CREATE
            ).values("object_id")
        )
        .count()
    )
    every = [taken for user in users for _sent, taken in user.moments]  # browsing only
    windows: dict[int, list[float]] = {}
    for user in users:
        for sent, taken in user.moments:
            windows.setdefault(int((sent - clock) // 10) * 10, []).append(taken)
    report = {
        "users": args.users,
        "seconds": round(elapsed, 1),
        "workers": args.workers,
        "think_s": args.think,
        "ramp_s": args.ramp,
        "requests": len(every),
        "requests_per_s": round(len(every) / elapsed, 1),
        # The machine's cores serve the application, its workers and the database alike.
        "cores": os.cpu_count(),
        "requests_per_s_per_core": round(len(every) / elapsed / (os.cpu_count() or 1), 1),
        "errors": len(errors),
        "writes": len(registered),
        "writes_missing": len(missing),
        "writes_unaudited": unaudited,
        "p95_ms": round(quantile95(every) * 1000, 1) if len(every) > 20 else None,
        # How the latency moves over the run: the 95th percentile of each 10 s window.
        "p95_ms_by_10s": {
            f"{start}-{start + 10}s": round(quantile95(values) * 1000, 1)
            for start, values in sorted(windows.items())
            if len(values) > 20
        },
        "pages": {
            name: {
                "n": len(values),
                "median_ms": round(statistics.median(values) * 1000, 1),
                "p95_ms": round(quantile95(values) * 1000, 1) if len(values) > 20 else None,
                "max_ms": round(max(values) * 1000, 1),
            }
            for name, values in sorted(timings.items())
        },
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    for error in errors[:20]:
        print("error:", error)
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if errors or missing or unaudited else 0


if __name__ == "__main__":
    sys.exit(main())
