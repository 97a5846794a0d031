"""Segment: documents' normalised text → word tokens, with the domain dictionary.

Input: paths (files or folders), a `Corpus`, or `TextPart`s already read. Output:
tokens per document part. This module is also where the explore commands get their
text: `iter_texts` runs read_document → normalize → split (and, for grouping, the
classifier through `classify`) once per file, in worker processes if asked.

Why a `Segmenter` and not `jieba.lcut`: jieba's module-level tokenizer is global
state, and bare jieba cuts this corpus's vocabulary apart (依/申请/公开, 3/,/374,
2022/年). The `Segmenter` owns a `jieba.Tokenizer` with `rules/userdict.txt` added,
and a regex pre-pass keeps numbers, dates and dictionary terms that hold punctuation
(双随机、一公开) whole, because jieba splits text at punctuation before it looks words up.
`get_segmenter()` builds it once per process.
"""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import pandas as pd

from .rules import load_lines

if TYPE_CHECKING:
    from typing_extensions import TypeIs  # only read by type checkers (annotations are lazy)

    from .api import Corpus

PathLike = Union[str, "os.PathLike[str]"]

#: The grouping keys of the explore functions → the record attribute they read.
GROUP_KEYS = {"year": "year", "doc_type": "doc_type", "agency": "agency", "level": "agency_level"}
#: The group of a document whose metadata value is missing.
UNKNOWN = "unknown"

# Figures as one token: 3,374 / 1.2万 / 600余 / 2022年度 / 12月31日 / 2022-12-31 / 〔2021〕30号.
# Only figures jieba would break are listed: it already keeps 12, 3.5 and 12.5% whole, and
# leaving those (most of a template table) out of the pre-pass keeps it cheap. Order
# matters: dates before bare numbers, so 2022年12月31日 stays one token.
_FIGURE_PATTERN = r"""
    (?<![0-9A-Za-z.])
    (?:
        [〔\[(（]\d{4}[〕\])）]\d+号                                   # document number 〔2021〕30号
      | \d{4}[-./]\d{1,2}[-./]\d{1,2}(?!\d)                         # 2022-12-31
      | \d{4}年度?(?:\d{1,2}月份?(?:\d{1,2}日)?)?                    # 2022年, 2022年度, 2022年12月31日
      | [〇零一二三四五六七八九]{4}年度?                               # 二〇二二年
      | \d{1,2}月份?(?:\d{1,2}日)?                                   # 12月, 12月31日
      | \d{1,3}(?:,\d{3})+(?:\.\d+)?(?:%|[万亿千](?:余|多)?|余|多)?   # 3,374  1,234.5万
      | \d+(?:\.\d+)?(?:[万亿千](?:余|多)?|余|多)                      # 1.2万  600余  3万余
    )
"""
#: A figure or date as the pre-pass keeps it whole.
RE_FIGURE = re.compile(_FIGURE_PATTERN, re.VERBOSE)
#: A figure jieba keeps whole by itself: 12, 3.5, 12.5%.
RE_DIGITS = re.compile(r"\d+(?:\.\d+)?[%‰]?")
#: A token with no letter, digit or character in it: punctuation, spaces, table rules.
RE_NON_WORD = re.compile(r"[\W_]+")
#: Characters jieba keeps inside one block (its re_han_default); a dictionary entry with any
#: other character can only come out whole through the pre-pass.
RE_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]+")
_RE_HAS_DIGIT_OR_LATIN = re.compile(r"[0-9A-Za-z+]")


@dataclass(frozen=True)
class DictEntry:
    """One line of the user dictionary."""

    word: str
    freq: int | None
    pos: str | None


@lru_cache(maxsize=1)
def user_dictionary() -> tuple[DictEntry, ...]:
    """The domain dictionary (rules/userdict.txt), parsed once."""
    entries = []
    for line in load_lines("userdict.txt"):
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        pos = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        entries.append(DictEntry(parts[0], freq, pos))
    return tuple(entries)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stop-word list (rules/stopwords.txt)."""
    return frozenset(line.strip() for line in load_lines("stopwords.txt"))


def _protect_pattern(entries: Iterable[DictEntry]) -> re.Pattern[str]:
    """One regex for spans jieba must not cut: punctuated/alphanumeric terms, then figures.

    It opens with a lookahead on the spans' possible first characters: the regex engine
    then skips every other position quickly, which makes the pre-pass about 4x cheaper.
    """
    special = sorted({e.word for e in entries
                      if not RE_JIEBA_BLOCK.fullmatch(e.word) or _RE_HAS_DIGIT_OR_LATIN.search(e.word)},
                     key=len, reverse=True)  # longest first: alternation takes the first that matches
    first = "".join(sorted({word[0] for word in special}))
    starts = f"(?=[{re.escape(first)}\\d〔\\[(（〇零一二三四五六七八九])"
    terms = "|".join(re.escape(word) for word in special)
    body = f"(?:{terms})|{_FIGURE_PATTERN}" if terms else _FIGURE_PATTERN
    return re.compile(f"{starts}(?:{body})", re.VERBOSE)


class Segmenter:
    """A jieba tokenizer with the domain dictionary and the figure-protecting pre-pass.

    Build it through `get_segmenter()` (once per process): loading jieba's prefix
    dictionary takes about a second.

    >>> get_segmenter().tokens("2022年本机关本年新收政府信息公开申请数量3,374件")
    ['2022年', '本机关', '本年新收政府信息公开申请数量', '3,374', '件']
    """

    def __init__(self, *, hmm: bool = True) -> None:
        import jieba

        self.hmm = hmm
        self._tokenizer = jieba.Tokenizer()
        logger = logging.getLogger("jieba")  # keep jieba's "Building prefix dict" chatter off stderr
        level = logger.level
        logger.setLevel(logging.WARNING)
        try:
            self._tokenizer.initialize()
        finally:
            logger.setLevel(level)
        entries = user_dictionary()
        for entry in entries:
            self._tokenizer.add_word(entry.word, entry.freq, entry.pos)
        self._protect = _protect_pattern(entries)
        self._stopwords = stopwords()
        self._kinds: dict[str, int] = {}  # token -> _WORD/_PUNCT/_FIGURE: tokens repeat, classify each once

    def cut(self, text: str) -> list[str]:
        """Every token of `text` in order, spaces and punctuation included."""
        out: list[str] = []
        lcut = self._tokenizer.lcut
        position = 0
        for match in self._protect.finditer(text):
            start = match.start()
            if start > position:
                out.extend(lcut(text[position:start], HMM=self.hmm))
            out.append(match.group())
            position = match.end()
        if position < len(text):
            out.extend(lcut(text[position:], HMM=self.hmm))
        return out

    def tokens(self, text: str, *, drop_stopwords: bool = False, numbers: bool = True,
               min_chars: int = 1) -> list[str]:
        """Word tokens of `text`: no spaces or punctuation; optionally no stop words or figures.

        Args:
            text: normalised text (half-width, simplified).
            drop_stopwords: leave out rules/stopwords.txt entries.
            numbers: keep figures and dates (2022年, 3,374) as tokens.
            min_chars: leave out tokens shorter than this (2 drops single characters).
        """
        stop = self._stopwords if drop_stopwords else frozenset()
        kinds = self._kinds
        keep = []
        for token in self.cut(text):
            kind = kinds.get(token)
            if kind is None:
                if len(kinds) > _KIND_CACHE_SIZE:
                    kinds.clear()
                kind = kinds[token] = _token_kind(token)
            if kind == _PUNCT or len(token) < min_chars or token in stop or (kind == _FIGURE and not numbers):
                continue
            keep.append(token)
        return keep


_WORD, _PUNCT, _FIGURE = 0, 1, 2
_KIND_CACHE_SIZE = 500_000  # distinct tokens remembered per Segmenter (a few tens of MB at most)


def _token_kind(token: str) -> int:
    if RE_NON_WORD.fullmatch(token):
        return _PUNCT
    return _FIGURE if is_number(token) else _WORD


def is_number(token: str) -> bool:
    """Whether a token is a figure or a date (3,374, 2022年, 12月31日, 600余)."""
    return RE_DIGITS.fullmatch(token) is not None or RE_FIGURE.fullmatch(token) is not None


@lru_cache(maxsize=None)
def get_segmenter(hmm: bool = True) -> Segmenter:
    """The process's Segmenter (built on first use, then the same object every call)."""
    return Segmenter(hmm=hmm)


# --------------------------------------------------------------------------- texts

@dataclass
class TextPart:
    """The normalised text of one document part, with the metadata used for grouping."""

    path: str
    part: int = 0
    title: str | None = None
    text: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    tokens: list[str] | None = None  # filled when segmentation ran in a worker

    def group(self, by: str) -> str:
        """The part's value for a grouping key (`year`, `doc_type`, `agency`, `level`)."""
        value = self.metadata.get(GROUP_KEYS.get(by, by))
        return UNKNOWN if value is None or value == "" else str(value)


Source = Union[PathLike, Iterable[PathLike], "Corpus", Iterable[TextPart]]


@dataclass(frozen=True)
class TokenOptions:
    """How parts are segmented (passed to worker processes, so a frozen dataclass)."""

    drop_stopwords: bool = False
    numbers: bool = True
    min_chars: int = 1
    hmm: bool = True


def _metadata(part: Any) -> dict[str, Any]:
    """Year, doc type, agency and level of a part, from the classifier (None when unknown)."""
    from .classify import classify

    try:
        info = classify(part)  # the classifier alone: grouping needs no figures
    except Exception:  # grouping must not stop on a classifier bug; the part goes to 'unknown'
        return {key: None for key in GROUP_KEYS.values()}
    return {key: getattr(info, key, None) for key in GROUP_KEYS.values()}


def read_parts(path: PathLike, *, metadata: bool = False, options: TokenOptions | None = None) -> list[TextPart]:
    """The parts of one file: read_document → normalize → split (→ classify, → segment).

    A file that cannot be read gives one part with its `error`, so nothing is dropped silently.
    """
    from .ingest import read_document
    from .normalize import normalize
    from .split import split

    try:
        parts = split(normalize(read_document(path)))
    except Exception as exc:  # IngestError or a reader bug: report it, go on
        return [TextPart(path=str(path), error=f"{type(exc).__name__}: {exc}")]
    texts = [TextPart(path=str(path), part=doc.part, title=doc.title, text=doc.text,
                      metadata=_metadata(doc) if metadata else {}) for doc in parts]
    if options is not None:
        for text in texts:
            text.tokens = segment_text(text.text, options)
    return texts


def segment_text(text: str, options: TokenOptions) -> list[str]:
    """Tokens of one text under `options` (through the process's Segmenter)."""
    return get_segmenter(options.hmm).tokens(text, drop_stopwords=options.drop_stopwords,
                                             numbers=options.numbers, min_chars=options.min_chars)


def _is_corpus(source: object) -> TypeIs[Corpus]:
    """Duck-typed, so this module need not import api (api will import it for Corpus.tokens)."""
    return hasattr(source, "records") and hasattr(source, "documents")


def _split_items(source: Iterable[PathLike] | Iterable[TextPart]) -> tuple[list[TextPart], list[PathLike]]:
    """(TextParts, paths) of an iterable that is not a Corpus, read once; at most one is non-empty."""
    items = list(source)
    parts = [item for item in items if isinstance(item, TextPart)]
    if items and len(parts) == len(items):
        return parts, []
    paths = [item for item in items if not isinstance(item, TextPart)]
    if len(paths) != len(items):
        raise TypeError("a source holds either paths or TextParts, not a mix of both")
    return [], paths


def _file_list(source: Iterable[PathLike]) -> list[Path]:
    from .batch import collect_files

    return list(collect_files(source).files)


def iter_texts(source: Source, *, metadata: bool = False, jobs: int | None = 1,
               options: TokenOptions | None = None) -> Iterator[TextPart]:
    """Yield every document part of `source` with its normalised text (and tokens if `options`).

    Args:
        source: a path, several paths (folders are walked as `analyse` walks them), a
            `Corpus` (its files are read again; metadata comes from its records), or
            `TextPart`s already read (passed through).
        metadata: fill year/doc_type/agency/agency_level through the classifier
            (`classify`); needed only for grouping.
        jobs: worker processes for reading (None: all cores). Parts come in file order.
        options: segment each part too (in the workers), into `TextPart.tokens`.
    """
    if isinstance(source, (str, os.PathLike)):
        source = [source]
    if _is_corpus(source):
        known = {(r.path, r.part): r for r in source.records}
        files = list(dict.fromkeys(r.path for r in source.records))
        for text in _read_files(files, metadata=False, jobs=jobs, options=options):
            record = known.get((text.path, text.part))
            if record is None and text.error is None:
                continue  # a part the corpus does not hold (e.g. the file changed since)
            if record is not None:
                text.metadata = {key: getattr(record, key, None) for key in GROUP_KEYS.values()}
            yield text
        return
    parts, paths = _split_items(source)
    if parts:
        for item in parts:
            if options is not None and item.tokens is None and item.error is None:
                item.tokens = segment_text(item.text, options)
            yield item
        return
    yield from _read_files(_file_list(paths), metadata=metadata, jobs=jobs, options=options)


def _read_files(files: Sequence[PathLike], *, metadata: bool, jobs: int | None,
                options: TokenOptions | None) -> Iterator[TextPart]:
    """Read files in order, in worker processes when `jobs` > 1."""
    task = partial(read_parts, metadata=metadata, options=options)
    if jobs is None:
        from .batch import default_jobs

        jobs = default_jobs()
    jobs = min(jobs, len(files))
    if jobs <= 1:
        for path in files:
            yield from task(path)
        return
    import multiprocessing as mp

    context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for parts in pool.map(task, files, chunksize=4):
            yield from parts


def tokens(source: Source, *, drop_stopwords: bool = False, numbers: bool = True, min_chars: int = 1,
           metadata: bool = False, jobs: int | None = 1) -> pd.DataFrame:
    """Tokens per document part as a DataFrame: path, part, title, n_tokens, tokens, error.

    With `metadata=True` (or a `Corpus` as source) the frame also has year, doc_type,
    agency and level, so it can be grouped, and `terms`/`keyness` accept it as source.

    Args:
        source: paths, a `Corpus`, or `TextPart`s (see `iter_texts`).
        drop_stopwords: leave out stop words (rules/stopwords.txt).
        numbers: keep figures and dates as tokens.
        min_chars: shortest token kept.
        metadata: classify each part for the grouping columns.
        jobs: worker processes (None: all cores).
    """
    options = TokenOptions(drop_stopwords=drop_stopwords, numbers=numbers, min_chars=min_chars)
    rows = []
    with_meta = metadata or _is_corpus(source)
    for text in iter_texts(source, metadata=metadata, jobs=jobs, options=options):
        row: dict[str, Any] = {"path": text.path, "part": text.part, "title": text.title,
                               "n_tokens": len(text.tokens or []), "tokens": text.tokens or [],
                               "error": text.error}
        if with_meta or text.metadata:
            row.update({by: (None if text.error else text.group(by)) for by in GROUP_KEYS})
        rows.append(row)
    columns = ["path", "part", "title", "n_tokens", "tokens", "error"]
    if with_meta:
        columns += list(GROUP_KEYS)
    return pd.DataFrame(rows, columns=columns)


__all__ = ["Segmenter", "get_segmenter", "TextPart", "TokenOptions", "iter_texts", "read_parts",
           "segment_text", "tokens", "user_dictionary", "stopwords", "GROUP_KEYS", "UNKNOWN"]
