"""Lookup safety for every admin page. No admin page may filter, search or query on secret, digest
or hash fields: a filter like `?secret_hash__startswith=p` reads a hidden value one character at a
time, for whoever may see the list. GongkaiAdminSite (core/admin_site.py) mixes SafeLookupsMixin into
every registered ModelAdmin. No model imports here: the admin app config imports this module."""

SECRET_FIELD_WORDS = ("secret", "digest", "hash", "password", "token")


def is_secret_lookup(path: str) -> bool:
    """Whether any step of a lookup path (`application__secret_hash__startswith`) names a secret."""
    return any(word in part.lower() for part in path.split("__") for word in SECRET_FIELD_WORDS)


def _filter_name(entry) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, tuple | list) and entry and isinstance(entry[0], str):
        return entry[0]
    return ""  # a SimpleListFilter class decides its own queries


class SafeLookupsMixin:
    """Refuse lookups on secret fields (400), drop them from search and filters, and turn filter
    values the database cannot hold (`?received_on__year=99999999999999999999`) into the admin's
    "wrong parameters" answer (the unfiltered list) instead of a 500."""

    def lookup_allowed(self, lookup, value, request=None):
        if is_secret_lookup(lookup):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request):
        return [f for f in super().get_search_fields(request) if not is_secret_lookup(f)]

    def get_list_filter(self, request):
        return [
            f for f in super().get_list_filter(request) if not is_secret_lookup(_filter_name(f))
        ]

    def get_changelist_instance(self, request):
        from django.contrib.admin.options import IncorrectLookupParameters
        from django.db import DataError

        try:
            return super().get_changelist_instance(request)
        except (OverflowError, DataError) as exc:
            raise IncorrectLookupParameters(exc) from exc
