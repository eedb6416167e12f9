"""Compile the project's .po catalogues (gongkai/locale) to .mo with the standard library only.

Usage: python scripts/compile_messages.py [catalogue.po …]   (default: every gongkai/locale/*/LC_MESSAGES/*.po)

The same file layout as GNU msgfmt / CPython's Tools/i18n/msgfmt.py: a header, two sorted index tables,
then the strings. Handles msgctxt, plurals (msgid_plural / msgstr[n]) and skips fuzzy entries.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_po(text: str) -> dict[bytes, bytes]:
    """msgid (with context and plural forms joined as msgfmt does) → msgstr, as UTF-8 bytes."""
    messages: dict[bytes, bytes] = {}
    entry: dict[str, object] = {}
    fuzzy = False
    section = None

    def finish() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry and not fuzzy:
            msgid = entry["msgid"]
            if "msgid_plural" in entry:
                msgid += "\0" + entry["msgid_plural"]
                strings = entry.get("msgstr_n", {})
                msgstr = "\0".join(strings[i] for i in sorted(strings))
            else:
                msgstr = entry.get("msgstr", "")
            if "msgctxt" in entry:
                msgid = entry["msgctxt"] + "\x04" + msgid
            if msgstr or not msgid:
                messages[msgid.encode()] = msgstr.encode()
        entry, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            if "msgstr" in entry or "msgstr_n" in entry:
                finish()
            fuzzy = True
            continue
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            if keyword in ("msgctxt", "msgid") and ("msgstr" in entry or "msgstr_n" in entry):
                finish()
            section = keyword
            value = ast.literal_eval(rest.strip())
        if section.startswith("msgstr["):
            index = int(section[7:-1])
            strings = entry.setdefault("msgstr_n", {})
            strings[index] = strings.get(index, "") + value
        else:
            entry[section] = entry.get(section, "") + value
    finish()
    return messages


def mo_bytes(messages: dict[bytes, bytes]) -> bytes:
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(messages[key])))
        ids += key + b"\0"
        strs += messages[key] + b"\0"
    start = 7 * 4 + 16 * len(keys)
    key_table, value_table = [], []
    for id_offset, id_length, str_offset, str_length in offsets:
        key_table += [id_length, start + id_offset]
        value_table += [str_length, start + len(ids) + str_offset]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    return (
        header
        + struct.pack(f"{len(key_table)}i", *key_table)
        + struct.pack(f"{len(value_table)}i", *value_table)
        + ids
        + strs
    )


def compile_file(po: Path) -> Path:
    mo = po.with_suffix(".mo")
    mo.write_bytes(mo_bytes(parse_po(po.read_text(encoding="utf-8"))))
    return mo


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(
        (ROOT / "gongkai" / "locale").glob("*/LC_MESSAGES/*.po")
    )
    for po in files:
        print(f"{po} → {compile_file(po)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
