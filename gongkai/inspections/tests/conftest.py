import datetime

import pytest

from gongkai.publications.models import Publication
from gongkai.publications.services import publication_upsert_published


@pytest.fixture
def publish(county):
    """A published item with a body (the ledger import publishes; the body is set as fixture data)."""

    def make(agency, title, *, body="", column="通知公告", published_on=None, formed_on=None):
        publication_upsert_published(
            actor="测试",
            agency=agency,
            column_name=column,
            title=title,
            published_on=published_on or datetime.date(2025, 9, 1),
            formed_on=formed_on,
        )
        item = Publication.objects.get(agency=agency, title=title)
        Publication.objects.filter(pk=item.pk).update(body=body)
        item.refresh_from_db()
        return item

    return make
