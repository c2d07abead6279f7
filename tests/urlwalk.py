"""Every URL pattern of the project, with sample arguments, for permission walks."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Reachable without signing in (healthz: the balancer's probe, with no personal data,
# tests/registry/test_health.py).
PUBLIC = {"login", "set_language", "healthz"}
# The user's own account pages: open to every signed-in account, with or without a role.
ACCOUNT = {
    "home",
    "logout",
    "password_change",
    "password_change_done",
    "account_security",
    "otp_verify",
    "otp_setup",
    "otp_disable",
    "otp_recovery_codes",
}

# The exchange API (/api/, URL names `api:…`): answered by a service account's token,
# never by a session, so not a page: the page walks leave it out (is_api) and
# tests/api/ holds its own permission matrix; tests/registry/test_permission_walk.py
# checks that no session opens it and that its description and docs page are public.
API_PUBLIC = {"api:schema", "api:docs"}


def is_api(name: str) -> bool:
    return name.startswith("api:")


SAMPLE_VALUES = {
    "int": 987654,
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _converter_name(converter) -> str:
    name = type(converter).__name__.replace("Converter", "").lower()
    return {"integer": "int", "string": "str"}.get(name, name)


def _walk(patterns, namespace=None, converters=None):
    for pattern in patterns:
        found = dict(converters or {})
        found.update(getattr(pattern.pattern, "converters", {}))
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if namespace and pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}"
            yield from _walk(pattern.url_patterns, inner, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            kwargs = {
                key: SAMPLE_VALUES.get(_converter_name(conv), "1") for key, conv in found.items()
            }
            yield name, kwargs, pattern


def all_urls():
    """(name, url) of every named URL pattern of the pages (not the API's: api_urls)."""
    seen = set()
    for name, kwargs, _pattern in _walk(get_resolver().url_patterns):
        if name in seen or is_api(name):
            continue
        seen.add(name)
        yield name, reverse(name, kwargs=kwargs)


def api_urls():
    """(name, url) of every named URL pattern of the exchange API."""
    for name, kwargs, _pattern in _walk(get_resolver().url_patterns):
        if is_api(name):
            yield name, reverse(name, kwargs=kwargs)


def unnamed_patterns():
    """Patterns without a name cannot be walked; the walk test forbids them."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif not pattern.name:
                yield str(pattern.pattern)

    return list(walk(get_resolver().url_patterns))


def plain_urls():
    """(name, url) of every named URL pattern of the pages that takes no arguments."""
    for name, kwargs, _pattern in _walk(get_resolver().url_patterns):
        if not kwargs and not is_api(name):
            yield name, reverse(name)
