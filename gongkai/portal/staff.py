"""The one 待我审核 page: everything waiting for this person's 初审 or 终审, from every app."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.annual_reports.selectors import reports_awaiting_review
from gongkai.applications.selectors import reviews_for_user
from gongkai.publications.selectors import publications_awaiting_review


@login_required
@require_GET
def my_reviews(request):
    user = request.user
    context = {
        "requests": reviews_for_user(user),
        "publications": publications_awaiting_review(user),
        "reports": reports_awaiting_review(user),
    }
    context["total"] = sum(len(v) for v in context.values())
    return render(request, "portal/staff_reviews.html", context)
