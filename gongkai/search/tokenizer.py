"""Chinese words for search: the one place that knows about jieba.

- Index time: `index_tokens(text)` — jieba `cut_for_search` (a long word also yields the dictionary
  words inside it, so 城乡低保 is found by 低保), punctuation dropped, ASCII lower-cased.
- Query time: `query_terms(q)` — jieba `cut` (one reading of the query), the same clean-up.
- 文号: `卢政〔2025〕3号`, `卢政[2025]3号`, `卢政【2025】3号`, `卢政(2025)3号` and `卢政（2025）第3号` all become
  the one token `卢政〔2025〕3号`, at index and query time, so every bracket style finds the same item.

jieba is initialised lazily, once per process, with our user dictionary of government terms, quiet
logging, HMM off (new-word guessing would cut the same text differently in a document and in a query)
and its cache file in `GONGKAI_DATA_DIR/cache/jieba` — never /tmp, which systemd's PrivateTmp hides.
To swap in rjieba or a future fork, change `_segmenter()` and the two `cut` calls only.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

USER_DICT = Path(__file__).with_name("userdict.txt")

_lock = threading.Lock()
_jieba = None

_OPEN = "〔[【(（［〖﹝"
_CLOSE = "〕]】)）］〗﹞"
DOC_NUMBER = re.compile(
    rf"([\u3400-\u9fff]{{1,12}})\s*[{re.escape(_OPEN)}]\s*((?:19|20)\d\d)\s*"
    rf"[{re.escape(_CLOSE)}]\s*第?\s*0*(\d{{1,5}})\s*号"
)
# jieba cuts each run of these characters on its own (its `re_han_default`) and yields every other
# character alone; we split the same way and cache each run's words, since notices repeat their
# phrases (各村（社区）、镇直各单位、涉及资金…) a great deal — the words are the same as jieba's.
_JIEBA_RUN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+)")


def _cache_dir() -> Path:
    from django.conf import settings

    path = Path(settings.DATA_DIR) / "cache" / "jieba"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _segmenter():
    """The jieba module, initialised once per process (thread-safe)."""
    global _jieba
    if _jieba is not None:
        return _jieba
    with _lock:
        if _jieba is None:
            import jieba

            jieba.setLogLevel(60)
            jieba.dt.tmp_dir = str(_cache_dir())
            jieba.dt.cache_file = os.path.join(jieba.dt.tmp_dir, "jieba.cache")
            jieba.initialize()
            jieba.load_userdict(str(USER_DICT))
            _jieba = jieba
    return _jieba


def _is_word(token: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def _clean(tokens) -> list[str]:
    return [t.lower() for t in (t.strip() for t in tokens) if t and _is_word(t)]


def normalise(text: str) -> str:
    """Full-width letters/digits to ASCII (NFKC) except the 文号 brackets, which become 〔〕."""
    text = unicodedata.normalize("NFKC", text or "")
    return DOC_NUMBER.sub(lambda m: canonical_doc_number(m), text)


def canonical_doc_number(match: re.Match) -> str:
    prefix, year, number = match.groups()
    return f"{prefix}〔{year}〕{int(number)}号"


def doc_number_key(doc_number: str) -> str:
    """The canonical form of a 文号 field (`卢政[2025]03号` → `卢政〔2025〕3号`), or the cleaned text."""
    text = unicodedata.normalize("NFKC", doc_number or "").strip()
    match = DOC_NUMBER.search(text)
    return canonical_doc_number(match) if match else re.sub(r"\s+", "", text)


def doc_number_tokens(text: str) -> list[str]:
    """Every 文号 in `text` as one token each; a 文号 inside running text (根据卢政〔2025〕3号文件) also
    yields the shorter prefixes' forms (据卢政〔…〕, 卢政〔…〕, 政〔…〕), since where the issuer's short
    name starts cannot be known without a dictionary of issuers."""
    tokens = []
    for match in DOC_NUMBER.finditer(unicodedata.normalize("NFKC", text or "")):
        prefix, year, number = match.groups()
        for start in range(len(prefix)):
            tokens.append(f"{prefix[start:]}〔{year}〕{int(number)}号")
    return tokens


@functools.lru_cache(maxsize=200_000)
def _cut_run(run: str) -> tuple[str, ...]:
    return tuple(_clean(_segmenter().cut_for_search(run, HMM=False)))


def index_tokens(text: str) -> list[str]:
    """Tokens to index for `text`: jieba words (and the words inside long words) plus 文号 tokens."""
    text = unicodedata.normalize("NFKC", text or "")
    tokens: list[str] = []
    for number, part in enumerate(_JIEBA_RUN.split(text)):
        if number % 2:
            tokens.extend(_cut_run(part))
        else:  # what lies between runs: jieba yields it character by character
            tokens.extend(ch.lower() for ch in part if _is_word(ch))
    tokens.extend(doc_number_tokens(text))
    return tokens


@dataclass(frozen=True)
class QueryTerms:
    words: tuple[str, ...]  # jieba words of the query (without the 文号 parts)
    doc_numbers: tuple[str, ...]  # canonical 文号 typed in the query

    @property
    def all(self) -> tuple[str, ...]:
        return self.doc_numbers + self.words

    def __bool__(self) -> bool:
        return bool(self.words or self.doc_numbers)


def query_terms(query: str) -> QueryTerms:
    """What a query asks for: its 文号 (whole) and the jieba words of the rest, without repeats."""
    text = unicodedata.normalize("NFKC", query or "")[:200]
    doc_numbers = tuple(dict.fromkeys(canonical_doc_number(m) for m in DOC_NUMBER.finditer(text)))
    rest = DOC_NUMBER.sub(" ", text)
    words = tuple(dict.fromkeys(_clean(_segmenter().cut(rest, HMM=False))))
    return QueryTerms(words=words[:12], doc_numbers=doc_numbers[:3])
