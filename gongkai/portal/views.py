from django.shortcuts import render

from gongkai.core.selectors import portal_agency_tree


def home(request):
    return render(request, "portal/home.html", {"tree": portal_agency_tree()})
