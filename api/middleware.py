"""People's sessions never open the API."""

from django.contrib.auth.models import AnonymousUser

API_PATH = "/api/"


class SessionlessApiMiddleware:
    """Right after Django's AuthenticationMiddleware: under /api/ the caller is
    anonymous whatever session cookie it sends, so that only a token (the API's own
    authentication) names an account there, and the pages' session rules (limits,
    the second factor) do not answer an API call with a redirect to a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PATH):
            request.user = AnonymousUser()
        return self.get_response(request)
