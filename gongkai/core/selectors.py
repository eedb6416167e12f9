"""Reads of agencies and people."""

from .models import Agency


def portal_agency_tree() -> list[dict]:
    """Public: the agency tree (names and levels only) for the portal. One query."""
    agencies = list(Agency.objects.order_by("path"))
    nodes = {a.pk: {"agency": a, "children": []} for a in agencies}
    roots = []
    for agency in agencies:
        node = nodes[agency.pk]
        if agency.parent_id in nodes:
            nodes[agency.parent_id]["children"].append(node)
        else:
            roots.append(node)
    return roots
