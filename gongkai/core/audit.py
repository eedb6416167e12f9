"""Writing and verifying the audit chain. Services call `audit_record` inside their transaction."""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from .audit_models import AuditEvent, AuditHead

GENESIS = "0" * 64


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _digest(prev_hash: str, fields: dict) -> str:
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + payload).encode()).hexdigest()


def _hashed_fields(event: AuditEvent) -> dict:
    return {
        "seq": event.seq,
        "at": event.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "agency": event.agency_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "old": event.old,
        "new": event.new,
    }


def audit_record(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    agency=None,
    old: dict | None = None,
    new: dict | None = None,
) -> AuditEvent:
    """Append one event. Must run inside the caller's transaction (services are atomic)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        if agency is None and hasattr(obj, "agency_id"):
            agency = obj.agency_id
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            seq=head.last_seq + 1,
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=_actor_label(actor),
            agency_id=agency.pk if isinstance(agency, models.Model) else agency,
            action=action,
            object_type=object_type,
            object_id=object_id,
            old=_jsonable(old),
            new=_jsonable(new),
            prev_hash=head.last_hash,
        )
        # Normalise through JSON so the hash we store equals the one recomputed from the database.
        event.old = json.loads(json.dumps(event.old, ensure_ascii=False))
        event.new = json.loads(json.dumps(event.new, ensure_ascii=False))
        event.hash = _digest(event.prev_hash, _hashed_fields(event))
        event.save()
        AuditHead.objects.filter(pk=1).update(last_seq=event.seq, last_hash=event.hash)
    return event


def _actor_label(actor) -> str:
    if actor is None:
        return "系统"
    if isinstance(actor, str):
        return actor
    return f"{actor.username}（{actor}）" if getattr(actor, "pk", None) else str(actor)


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    message: str
    seq: int | None = None


def audit_verify() -> VerifyResult:
    """Walk the chain in order; report the first tampered, reordered or missing row."""
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            kind = "缺失" if event.seq > expected_seq else "顺序被打乱"
            return VerifyResult(
                False,
                checked,
                f"审计日志第 {expected_seq} 条{kind}：按存储顺序此处应为第 {expected_seq} 条，"
                f"实际为第 {event.seq} 条。",
                expected_seq,
            )
        if event.prev_hash != prev_hash:
            return VerifyResult(
                False,
                checked,
                f"审计日志第 {event.seq} 条的前序哈希与第 {event.seq - 1} 条不符：之前的记录被删除或改动。",
                event.seq,
            )
        if _digest(prev_hash, _hashed_fields(event)) != event.hash:
            return VerifyResult(
                False, checked, f"审计日志第 {event.seq} 条内容被篡改（哈希不符）。", event.seq
            )
        prev_hash = event.hash
        expected_seq += 1
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head and head.last_seq != checked:
        return VerifyResult(
            False,
            checked,
            f"审计日志末尾缺失：链头记载共 {head.last_seq} 条，实际只有 {checked} 条。",
            checked + 1,
        )
    return VerifyResult(True, checked, f"审计日志完好：共 {checked} 条，哈希链连续。")
