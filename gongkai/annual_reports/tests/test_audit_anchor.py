"""Every published annual report freezes the audit chain's anchor, and vouches for the log up to
that day: `gongkai audit verify --anchors-from-reports` fails once the log no longer holds it."""

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.core.audit import Anchor
from gongkai.core.audit_models import AuditEvent

from .test_lifecycle import at, review_and_publish, town_2025  # noqa: F401 (fixture)


def test_published_snapshot_anchors_the_log(town_2025, personas, capsys):  # noqa: F811
    before = AuditEvent.objects.count()
    snapshot = review_and_publish(town_2025, 2025, personas, at(2026, 1, 10))
    anchor = Anchor.parse(snapshot.audit_anchor)
    # The anchor is a row written by this publishing (its review steps), and holds its hash.
    assert anchor.seq > before
    assert AuditEvent.objects.get(seq=anchor.seq).hash == anchor.hash

    call_command("audit", "verify", "--anchors-from-reports")
    assert "1 个锚点" in capsys.readouterr().out

    # Cut the log back to before the publishing and make the head agree: the chain alone passes,
    # the report's anchor does not.
    keep = anchor.seq - 1
    kept_hash = AuditEvent.objects.get(seq=keep).hash
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq > %s", [keep])
        cursor.execute("UPDATE core_audithead SET last_seq = %s, last_hash = %s", [keep, kept_hash])
    call_command("audit", "verify")
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", "--anchors-from-reports")
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "截断" in err and "已发布年报" in err and "2025" in err
