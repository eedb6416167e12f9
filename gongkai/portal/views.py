from django.shortcuts import render

from gongkai.annual_reports.selectors import latest_published_reports
from gongkai.core.selectors import portal_agency_tree
from gongkai.publications.selectors import latest_published


def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "tree": portal_agency_tree(),
            "latest": latest_published(10),
            "reports": latest_published_reports(6),
        },
    )
