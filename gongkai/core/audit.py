"""Writing and verifying the audit chain. Services call `audit_record` inside their transaction."""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone

from .audit_models import AuditEvent, AuditHead
from .errors import UserError

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


@dataclass(frozen=True)
class Anchor:
    """One row of the chain, written down outside the database: `序号:哈希`."""

    seq: int
    hash: str
    source: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, line: str, *, source: str = "") -> Anchor:
        parts = line.strip().replace(":", " ").split()
        if (
            len(parts) != 2
            or not parts[0].isdigit()
            or len(parts[1]) != 64
            or any(c not in "0123456789abcdef" for c in parts[1].lower())
        ):
            error = UserError(
                f"审计锚点格式有误：“{line.strip()}”。应为“序号:哈希”，"
                "即 gongkai audit anchor 打印的那一行。"
            )
            error.exit_status = 2
            raise error
        return cls(int(parts[0]), parts[1].lower(), source)

    def described(self) -> str:
        return f"{self}（{self.source}）" if self.source else str(self)


def audit_anchor() -> Anchor:
    """The chain's last row as an anchor (0 and the genesis hash for an empty log)."""
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    return Anchor(*last) if last else Anchor(0, GENESIS)


def _fail(checked: int, seq: int, message: str) -> VerifyResult:
    return VerifyResult(False, checked, message, seq)


def _stored_hash_exists(value: str) -> bool:
    return AuditEvent.objects.filter(hash=value).exists()


def _broken_link(event: AuditEvent, expected_seq: int, checked: int) -> VerifyResult:
    """The row does not follow the one before it: moved rows, a gap, or an altered predecessor."""
    if _stored_hash_exists(event.prev_hash):
        return _fail(
            checked,
            expected_seq,
            f"审计日志第 {expected_seq} 条起顺序被打乱：此处记录的前序哈希属于日志中另一位置的记录，"
            "记录被调换或移动过。",
        )
    if event.seq > expected_seq:
        missing = (
            f"第 {expected_seq} 条"
            if event.seq == expected_seq + 1
            else f"第 {expected_seq}–{event.seq - 1} 条"
        )
        return _fail(checked, expected_seq, f"审计日志{missing}缺失：记录被删除。")
    return _fail(
        checked,
        event.seq,
        f"审计日志第 {event.seq} 条的前序哈希与第 {event.seq - 1} 条不符："
        f"第 {event.seq - 1} 条被改写，或其间的记录被删除。",
    )


def _check_head(last: Anchor, checked: int) -> VerifyResult | None:
    head = AuditHead.objects.filter(pk=1).first()
    if head is None:
        if last.seq:
            return _fail(
                checked, last.seq, "审计链头缺失：日志有记录，但链头（core_audithead）被删除。"
            )
        return None
    if head.last_seq > last.seq:
        return _fail(
            checked,
            last.seq + 1,
            f"审计日志末尾缺失：链头记载共 {head.last_seq} 条，实际只到第 {last.seq} 条（末尾被截断）。",
        )
    if head.last_seq < last.seq:
        return _fail(
            checked,
            head.last_seq + 1,
            f"审计链头与日志不符：链头记载共 {head.last_seq} 条，日志却有 {last.seq} 条"
            "（链头被改写，或有记录绕过链头写入）。",
        )
    if head.last_hash != last.hash:
        return _fail(
            checked,
            last.seq,
            f"审计链头与最后一条（第 {last.seq} 条）的哈希不符：链头或最后一条被改写。",
        )
    return None


def _check_anchor(anchor: Anchor, hashes_seen: dict[int, str], last: Anchor, checked: int):
    if anchor.seq == 0:
        return (
            None
            if anchor.hash == GENESIS
            else _fail(checked, 0, f"审计锚点 {anchor.described()} 无效。")
        )
    if anchor.seq > last.seq:
        return _fail(
            checked,
            last.seq + 1,
            f"审计日志不再包含锚点所记的第 {anchor.seq} 条：日志只到第 {last.seq} 条"
            f"（末尾被截断）。锚点：{anchor.described()}",
        )
    if hashes_seen.get(anchor.seq) != anchor.hash:
        return _fail(
            checked,
            anchor.seq,
            f"审计日志第 {anchor.seq} 条的哈希与锚点不符：该条或之前的记录被改写。锚点：{anchor.described()}",
        )
    return None


def audit_verify(*, anchors: list[Anchor] = ()) -> VerifyResult:
    """Walk the chain in sequence order; report the first tampered, reordered or missing row, a
    head that does not match the last row, and any anchor the chain no longer holds."""
    wanted = {a.seq for a in anchors}
    hashes_seen: dict[int, str] = {}
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.prev_hash != prev_hash or event.seq != expected_seq:
            return _broken_link(event, expected_seq, checked)
        if _digest(prev_hash, _hashed_fields(event)) != event.hash:
            return _fail(checked, event.seq, f"审计日志第 {event.seq} 条内容被篡改（哈希不符）。")
        if event.seq in wanted:
            hashes_seen[event.seq] = event.hash
        prev_hash = event.hash
        expected_seq += 1
        checked += 1
    last = Anchor(checked, prev_hash)
    for problem in (
        _check_head(last, checked),
        *(
            _check_anchor(a, hashes_seen, last, checked)
            for a in sorted(anchors, key=lambda a: a.seq)
        ),
    ):
        if problem:
            return problem
    suffix = f"，与 {len(anchors)} 个锚点相符" if anchors else ""
    return VerifyResult(True, checked, f"审计日志完好：共 {checked} 条，哈希链连续{suffix}。")
