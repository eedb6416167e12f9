"""Responses every staff page shares."""

from django.shortcuts import render


def forbidden(request, message: str):
    """403 with the reason in Chinese; the refused action changed nothing."""
    return render(request, "403.html", {"exception": message}, status=403)
