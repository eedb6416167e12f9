import pytest
from django.db import connection

from gongkai.core.audit import audit_record, audit_verify
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


def test_deleted_last_row_is_found(chain):
    raw("DELETE FROM core_auditevent WHERE seq = 5")
    result = audit_verify()
    assert not result.ok and result.seq == 5


def test_reordered_rows_are_found(chain):
    a, b = chain[1], chain[2]
    raw("UPDATE core_auditevent SET seq = 999999 WHERE id = %s", [a.id])
    raw("UPDATE core_auditevent SET seq = %s WHERE id = %s", [a.seq, b.id])
    raw("UPDATE core_auditevent SET seq = %s WHERE id = %s", [b.seq, a.id])
    result = audit_verify()
    assert not result.ok and result.seq == 2 and "顺序" in result.message


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
