import pytest
from django.db import connection

from gongkai.core.audit import Anchor, audit_anchor, audit_record, audit_verify
from gongkai.core.audit_models import AppendOnlyError, AuditEvent


@pytest.fixture
def chain(db):
    return [
        audit_record(
            actor=None,
            action="test.event",
            object_type="test",
            object_id=str(i),
            new={"n": i, "text": "政府信息"},
        )
        for i in range(1, 6)
    ]


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_intact_chain_verifies(chain):
    result = audit_verify()
    assert result.ok and result.checked == 5


def test_tampered_value_is_found(chain):
    raw("UPDATE core_auditevent SET new = %s WHERE seq = 3", ['{"n": 99, "text": "政府信息"}'])
    result = audit_verify()
    assert not result.ok and result.seq == 3 and "篡改" in result.message


def test_deleted_row_is_found(chain):
    raw("DELETE FROM core_auditevent WHERE seq = 2")
    result = audit_verify()
    assert not result.ok and result.seq == 2 and "缺失" in result.message
    assert "顺序" not in result.message


def test_deleted_first_row_is_found(chain):
    raw("DELETE FROM core_auditevent WHERE seq = 1")
    result = audit_verify()
    assert not result.ok and result.seq == 1 and "缺失" in result.message


def test_deleted_last_row_is_found(chain):
    raw("DELETE FROM core_auditevent WHERE seq = 5")
    result = audit_verify()
    assert not result.ok and result.seq == 5


def test_reordered_rows_are_found(chain):
    """Rows 2 and 3 exchange their sequence numbers (equivalently: everything else)."""
    a, b = chain[1], chain[2]
    raw("UPDATE core_auditevent SET seq = 999999 WHERE id = %s", [a.id])
    raw("UPDATE core_auditevent SET seq = %s WHERE id = %s", [a.seq, b.id])
    raw("UPDATE core_auditevent SET seq = %s WHERE id = %s", [b.seq, a.id])
    result = audit_verify()
    assert not result.ok and result.seq == 2 and "顺序被打乱" in result.message
    assert "缺失" not in result.message


def test_row_moved_to_the_end_is_a_reordering(chain):
    raw("UPDATE core_auditevent SET seq = 6 WHERE seq = 3")
    result = audit_verify()
    assert not result.ok and result.seq == 3 and "顺序被打乱" in result.message


def test_truncation_with_stale_head_hash_is_found(chain):
    """The tail is cut and the head's count rewritten, but not its hash: head ≠ last row."""
    raw("DELETE FROM core_auditevent WHERE seq >= 4")
    raw("UPDATE core_audithead SET last_seq = 3")
    result = audit_verify()
    assert not result.ok and result.seq == 3 and "链头" in result.message


def test_rewritten_head_hash_is_found(chain):
    raw("UPDATE core_audithead SET last_hash = %s", [chain[1].hash])
    result = audit_verify()
    assert not result.ok and result.seq == 5 and "链头" in result.message


def _truncate_and_rewrite_head(chain, keep):
    raw("DELETE FROM core_auditevent WHERE seq > %s", [keep])
    raw(
        "UPDATE core_audithead SET last_seq = %s, last_hash = %s",
        [keep, chain[keep - 1].hash],
    )


def test_clean_truncation_is_invisible_without_anchor_and_caught_by_anchor(chain):
    anchor = Anchor.parse(f"5:{chain[4].hash}")
    assert audit_verify(anchors=[anchor]).ok
    _truncate_and_rewrite_head(chain, 3)
    assert audit_verify().ok  # a chain alone cannot notice a clean cut at its end
    result = audit_verify(anchors=[anchor])
    assert not result.ok and "截断" in result.message and "第 5 条" in result.message


def test_rewritten_tail_does_not_match_anchor(chain):
    """Cut the tail, rewrite the head and append forged rows: a valid chain, but not the one anchored."""
    anchor = Anchor.parse(f"{chain[3].seq} {chain[3].hash}")
    _truncate_and_rewrite_head(chain, 3)
    for i in (4, 5):
        audit_record(actor=None, action="forged", object_type="test", object_id=str(i))
    assert audit_verify().ok
    result = audit_verify(anchors=[anchor])
    assert not result.ok and result.seq == 4 and "锚点不符" in result.message


def test_anchor_is_the_last_row(chain):
    last = AuditEvent.objects.get(seq=5)
    assert audit_anchor() == Anchor(5, last.hash)


def test_empty_log_anchor_verifies(db):
    assert audit_verify(anchors=[audit_anchor()]).ok


@pytest.mark.parametrize("line", ["", "5", "x:" + "a" * 64, "5:" + "g" * 64, "5:abc"])
def test_malformed_anchor_is_refused(line):
    from gongkai.core.errors import UserError

    with pytest.raises(UserError, match="锚点格式有误") as info:
        Anchor.parse(line)
    assert info.value.exit_status == 2


def test_anchor_and_verify_commands(chain, capsys):
    from django.core.management import call_command

    call_command("audit", "anchor")
    line = capsys.readouterr().out.strip()
    assert line == f"5:{chain[4].hash}"
    call_command("audit", "verify", "--anchor", line, "--anchor", f"2:{chain[1].hash}")
    assert "2 个锚点" in capsys.readouterr().out
    _truncate_and_rewrite_head(chain, 4)
    call_command("audit", "verify")
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", "--anchor", line)
    assert exit_info.value.code == 1
    assert "截断" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", "--anchor", "5:nothex")
    assert exit_info.value.code == 2


def test_code_cannot_update_or_delete(chain):
    event = AuditEvent.objects.get(seq=1)
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(seq=1).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_verify_command_exit_status(chain, capsys):
    from django.core.management import call_command

    call_command("audit", "verify")
    assert "完好" in capsys.readouterr().out
    raw("UPDATE core_auditevent SET action = 'forged' WHERE seq = 4")
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    assert "第 4 条" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain():
    """Writers in parallel threads queue on the chain head: no fork, no duplicate sequence."""
    import threading

    from django.db import connections, transaction

    errors = []

    def write(n):
        try:
            for i in range(10):
                with transaction.atomic():
                    audit_record(actor=None, action="test.parallel", object_id=f"{n}-{i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = audit_verify()
    assert result.ok and result.checked == 40
