"""大字号、高对比度 (large-text, high-contrast) mode for the public site (适老化, GB/T 37668).

A plain link in the header, /display/?mode=large|standard&next=…, sets or removes the cookie
`gk_display` and goes back: it works without JavaScript. The base template puts the class on <html>
from the cookie while the server renders the page, so the page is painted in the chosen mode from
the first frame (no flash). A visitor with the cookie is not served from the page cache
(portal/cache.py SKIP_COOKIES), so no cached standard page reaches them and no large page reaches
anyone else.
"""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

COOKIE = "gk_display"
LARGE = "large"
ONE_YEAR = 365 * 24 * 3600


@never_cache
@require_GET
def display_mode(request):
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("mode") == LARGE:
        response.set_cookie(COOKIE, LARGE, max_age=ONE_YEAR, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response
