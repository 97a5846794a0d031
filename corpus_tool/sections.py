"""Sections: find headings, map them to section ids, judge them against a template.

Input: a normalised `Document`, the template it follows (`2021`, `2019`, `legacy`,
`none`) or a user checklist. Output: a `SectionResult` saying which required sections
are present, missing, empty or out of order, which template tables are missing, with the
heading that proves each, and the block where each section starts.

How headings are found: every line of every block (a table row whose other cells are
empty counts too) that opens with a numbering (第一部分 / 一、 / （一） / 1. / （1）) is a
candidate, and so is a numbered heading run into a long line (`…如下: 一、概述 …`). The
highest numbering level that forms a sequence is the main level; among its candidates
the longest increasing run of numbers wins, so table rows numbered 一、…四、 and
enumerations inside the text drop out. Sub-headings such as （一）主动公开情况 inside the
overview never count as main sections. Short unnumbered lines that are exactly a known
heading are main headings too. Titles map to ids by variant, keyword, then character
bigram similarity (rules in `rules/sections.yaml`), so unseen wordings still map.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .model import Block, Document, Evidence
from .normalize import to_simplified
from .numerals import chinese_to_int
from .rules import load_yaml

# --- numbering -------------------------------------------------------------------------

_CN_NUM = "[一二三四五六七八九十]{1,3}"

#: Numbering styles from the highest level down; the rank decides which level is "main".
#: Text is NFKC-normalised first, so full-width （，．： arrive as ASCII.
_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"第({_CN_NUM})部分\s*[、,.:]?\s*")),
    # 一、 / 一. / 一,、 (a typo seen in real reports); not 一,我们… and not 一.5
    ("cn", re.compile(rf"({_CN_NUM})\s*(?:、|\.(?!\d)|,\s*、)\s*")),
    ("paren_cn", re.compile(rf"\(\s*({_CN_NUM})\s*\)\s*[、.]?\s*")),
    ("arabic", re.compile(r"(\d{1,2})\s*(?:、|\.(?!\d))\s*")),
    ("paren_arabic", re.compile(r"\(\s*(\d{1,2})\s*\)\s*")),
)
_RANK = {name: rank for rank, (name, _) in enumerate(_STYLES)}

#: A main heading run into a long line: 一、 or 第一部分 after a sentence end or a space.
_RUN_IN = re.compile(rf"(?<=[\s。;:!?)])(?:第({_CN_NUM})部分|({_CN_NUM})、)")

#: Where a heading's title ends and its content begins.
_TITLE_END = re.compile(r"[。;:!?]|\s{1,}(?=\S)")
_SPACES_PARENS = re.compile(r"[\s()]+")
_SENTENCE_END = re.compile(r"[。;:!?]")
_TRAILING = re.compile(r"[\s。.:;,!?、]+$")
_CELL_SPLIT = re.compile(r"\||\t")
_HAS_CONTENT = re.compile(r"\w")

#: A title longer than this is a sentence, not a heading.
MAX_TITLE = 160
#: An unnumbered line is a heading candidate only when this short.
MAX_UNNUMBERED = 30
#: A numbered line this short without a sentence end is all heading, spaces included.
MAX_SHORT_LINE = 40
#: Lines longer than this are searched for headings run into them (one-line reports).
RUN_IN_MIN = 80


def cn_number(text: str) -> int | None:
    """The value of a heading's numeral (一 → 1, 十二 → 12, 3 → 3), None if it is not one."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    try:
        return chinese_to_int(text)
    except ValueError:
        return None


# --- results ---------------------------------------------------------------------------


@dataclass
class Heading:
    """A heading candidate as found: where it is, its numbering and what it maps to."""

    block: int
    offset: int  # start of the numbering within the block's (NFKC) text
    end: int  # just after the title: the section's content starts here
    style: str  # part / cn / paren_cn / arabic / paren_arabic / none
    number: int | None
    text: str  # numbering + title as found
    title: str  # cleaned title used for matching
    ids: list[str] = field(default_factory=list)
    standalone: bool = True  # the heading is its own line (not run into a sentence)
    main: bool = False


@dataclass
class SectionResult:
    present: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    out_of_order: list[str] = field(default_factory=list)
    tables_missing: list[str] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    # (block index, section id) for each heading found, so values can name their section
    spans: list[tuple[int, str]] = field(default_factory=list)
    #: extension ids (not in LABELS.md) found, e.g. supervision, consultation
    extensions: dict[str, Evidence] = field(default_factory=dict)
    #: extension ids required of this document but not found (supervision for governments)
    extensions_missing: list[str] = field(default_factory=list)
    #: every main heading found, in reading order (mapped or not)
    headings: list[Heading] = field(default_factory=list)


class ChecklistError(ValueError):
    """A checklist file that cannot be used; the message names the file and the item."""


# --- rules -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    """One section (or checklist item) and how to recognise its heading."""

    id: str
    variants: tuple[str, ...]
    keywords: re.Pattern[str] | None
    extension: bool = False
    sub_level: bool = False
    table: int | None = None
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Requirements:
    order: tuple[str, ...]
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    government: tuple[str, ...] = ()
    tables: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class _Matcher:
    """Maps a heading title to ids: exact variant, variant prefix, keyword, similarity."""

    items: tuple[_Item, ...]  # in keyword priority order
    exact: dict[str, str]
    prefixes: tuple[tuple[str, str], ...]  # (variant, id), longest first
    bigrams: tuple[tuple[frozenset[str], str], ...]
    merges: frozenset[tuple[str, str]]
    threshold: float
    replacements: tuple[tuple[str, str], ...]
    not_headings: re.Pattern[str] | None
    #: checklists: a heading satisfies every item whose keywords it matches
    multi: bool = False

    def clean(self, title: str) -> str:
        """Title as compared: simplified, spun words undone, no spaces or end punctuation."""
        title = _to_simplified(title)
        for old, new in self.replacements:
            title = title.replace(old, new)
        return _TRAILING.sub("", _SPACES_PARENS.sub("", title))

    def ids(self, title: str) -> list[str]:
        """Section ids a cleaned title stands for ([] if none)."""
        if not title:
            return []
        primary = self.exact.get(title)
        if primary is None:
            for variant, item_id in self.prefixes:
                if title.startswith(variant):
                    primary = item_id
                    break
        if self.multi:  # checklists: one heading may satisfy several items
            hits = [item.id for item in self.items if item.keywords is not None and item.keywords.search(title)]
            found = ([primary] if primary else []) + [h for h in hits if h != primary]
            return found or ([s] if (s := self._similar(title)) else [])
        if primary is None:
            primary = next((item.id for item in self.items
                            if item.keywords is not None and item.keywords.search(title)), None)
        if primary is None:
            primary = self._similar(title)
        if primary is None:
            return []
        # A merged heading joins two sections with a conjunction (收费及减免、行政复议和行政诉讼):
        # the second section's keywords stand in a conjunct of their own, one the first
        # section's keywords are not in (依申请公开收费及减免 is about fees only).
        found = [primary]
        items = {item.id: item for item in self.items}
        own = items[primary].keywords if primary in items else None
        conjuncts = [part for part in _CONJUNCTION.split(title) if part]
        others = [part for part in conjuncts if own is None or not own.search(part)]
        for item in self.items:
            if item.id != primary and (primary, item.id) in self.merges and item.keywords is not None \
                    and any(item.keywords.search(part) for part in others):
                found.append(item.id)
        return found

    def _similar(self, title: str) -> str | None:
        grams = _bigrams(title)
        if not grams:
            return None
        best, best_id = 0.0, None
        for variant_grams, item_id in self.bigrams:
            score = 2 * len(grams & variant_grams) / (len(grams) + len(variant_grams))
            if score > best:
                best, best_id = score, item_id
        return best_id if best >= self.threshold else None


#: What joins the sections of a merged heading.
_CONJUNCTION = re.compile(r"以及|[和及与、,]")


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def _to_simplified(text: str) -> str:
    """Normalise does the text; headings of hand-built documents get the same conversion."""
    return to_simplified(text) if any(ord(ch) > 0x3000 for ch in text) else text


def _compile_any(patterns: list[str] | None, where: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error as exc:
        raise ChecklistError(f"{where}: bad pattern ({exc})") from exc


def _build_matcher(items: list[_Item], rules: dict[str, Any], *, multi: bool = False) -> _Matcher:
    replacements = tuple((str(k), str(v)) for k, v in (rules.get("replacements") or {}).items())
    proto = _Matcher((), {}, (), (), frozenset(), 1.0, replacements, None)
    exact: dict[str, str] = {}
    variants: list[tuple[str, str]] = []
    for item in items:
        for variant in item.variants:
            key = proto.clean(variant)
            exact.setdefault(key, item.id)
            variants.append((key, item.id))
    merges = frozenset((a, b) for pair in rules.get("merges") or [] for a in pair for b in pair if a != b)
    return _Matcher(
        items=tuple(items),
        exact=exact,
        prefixes=tuple(sorted(((v, i) for v, i in variants if len(v) >= 2), key=lambda p: -len(p[0]))),
        bigrams=tuple((_bigrams(v), i) for v, i in variants if len(v) >= 2),
        merges=merges,
        threshold=float(rules.get("similarity_threshold", 0.6)),
        replacements=replacements,
        not_headings=_compile_any(rules.get("not_headings"), "sections.yaml not_headings"),
        multi=multi,
    )


@dataclass(frozen=True)
class _Rules:
    matcher: _Matcher
    items: dict[str, _Item]
    templates: dict[str, _Requirements]


@lru_cache(maxsize=4)
def _template_rules(name: str = "sections.yaml") -> _Rules:
    """sections.yaml compiled once per process."""
    data = load_yaml(name)
    sections = data["sections"]
    priority = list(data.get("priority") or sections)
    priority += [key for key in sections if key not in priority]
    items = [
        _Item(
            id=key,
            variants=tuple(sections[key].get("variants") or ()),
            keywords=_compile_any(sections[key].get("keywords"), f"{name} {key}"),
            extension=bool(sections[key].get("extension", False)),
            sub_level=bool(sections[key].get("sub_level", False)),
            table=sections[key].get("table"),
            phrases=tuple(sections[key].get("phrases") or ()),
        )
        for key in priority
    ]
    templates = {
        str(tpl): _Requirements(
            order=tuple(spec.get("order") or spec["required"]),
            required=tuple(spec["required"]),
            optional=tuple(spec.get("optional") or ()),
            government=tuple(spec.get("government") or ()),
            tables=tuple((k, int(v)) for k, v in (spec.get("tables") or {}).items()),
        )
        for tpl, spec in data["templates"].items()
    }
    return _Rules(_build_matcher(items, data), {item.id: item for item in items}, templates)


_CHECKLIST_ITEM_KEYS = {"id", "label", "headings", "keywords", "required", "order", "level"}


@lru_cache(maxsize=32)
def _checklist_rules(path: str, mtime: float) -> tuple[_Matcher, _Requirements, frozenset[str]]:
    """A user checklist compiled once per (path, modification time)."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except OSError as exc:
        raise ChecklistError(f"{path}: cannot read checklist ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise ChecklistError(f"{path}: not valid YAML ({exc})") from exc
    if isinstance(data, list):  # a bare list of items is a checklist too
        data = {"items": data}
    raw_items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(raw_items, list) or not raw_items:
        raise ChecklistError(f"{path}: a checklist needs a non-empty `items` list")
    unknown_top = set(data) - {"name", "description", "source", "items", "similarity_threshold"}
    if unknown_top:
        raise ChecklistError(f"{path}: unknown top-level keys {sorted(unknown_top)}")
    items: list[_Item] = []
    required: list[str] = []
    ordered: list[tuple[float, int, str]] = []
    any_level: set[str] = set()
    seen: set[str] = set()
    for index, raw in enumerate(raw_items):
        where = f"{path}: item {index + 1}"
        if not isinstance(raw, dict) or not raw.get("id"):
            raise ChecklistError(f"{where}: each item needs an `id`")
        unknown = set(raw) - _CHECKLIST_ITEM_KEYS
        if unknown:
            raise ChecklistError(f"{where} ({raw['id']}): unknown keys {sorted(unknown)}; "
                                 f"valid: {sorted(_CHECKLIST_ITEM_KEYS)}")
        item_id = str(raw["id"])
        if item_id in seen:
            raise ChecklistError(f"{where}: duplicate id {item_id!r}")
        seen.add(item_id)
        headings = [str(h) for h in raw.get("headings") or []]
        if raw.get("label"):
            headings.insert(0, str(raw["label"]))
        keywords = [str(k) for k in raw.get("keywords") or []]
        if not headings and not keywords:
            raise ChecklistError(f"{where} ({item_id}): give a `label`, `headings` or `keywords`")
        level = raw.get("level", "main")
        if level not in ("main", "any"):
            raise ChecklistError(f"{where} ({item_id}): level must be 'main' or 'any', not {level!r}")
        if level == "any":
            any_level.add(item_id)
        items.append(_Item(item_id, tuple(headings), _compile_any(keywords, f"{where} ({item_id})")))
        if raw.get("required", True):
            required.append(item_id)
        if raw.get("order") is not None:
            try:
                ordered.append((float(raw["order"]), index, item_id))
            except (TypeError, ValueError) as exc:
                raise ChecklistError(f"{where} ({item_id}): order must be a number") from exc
    order = tuple(item_id for _, _, item_id in sorted(ordered))
    optional = tuple(item.id for item in items if item.id not in required)
    rules = {"replacements": dict(_template_rules().matcher.replacements),
             "similarity_threshold": data.get("similarity_threshold", 0.6)}
    try:
        float(rules["similarity_threshold"])
    except (TypeError, ValueError) as exc:
        raise ChecklistError(f"{path}: similarity_threshold must be a number") from exc
    matcher = _build_matcher(items, rules, multi=True)
    return matcher, _Requirements(order=order, required=tuple(required), optional=optional), frozenset(any_level)


def checklist_items(path: str | Path) -> list[str]:
    """The item ids of a checklist file, validating it (raises `ChecklistError`).

    Call it once before a batch so a broken checklist stops the run with one clear
    message instead of failing every document.
    """
    resolved = Path(path)
    try:
        mtime = resolved.stat().st_mtime
    except OSError as exc:
        raise ChecklistError(f"{path}: cannot read checklist ({exc.strerror or exc})") from exc
    matcher, _, _ = _checklist_rules(str(resolved.resolve()), mtime)
    return [item.id for item in matcher.items]


# --- finding headings ------------------------------------------------------------------


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text) if any(ord(ch) > 0x2FFF for ch in text) else text


def _split_title(rest: str) -> tuple[str, int]:
    """(title, length consumed): the title ends at a sentence end or a space.

    A short line with spaces but no sentence end is one heading broken by PDF/HTML
    flattening (`五、存在的 主要问题及改进情况`), so it is kept whole.
    """
    if len(rest) <= MAX_SHORT_LINE and not _SENTENCE_END.search(rest):
        return _TRAILING.sub("", rest), len(rest)
    match = _TITLE_END.search(rest, 2)
    cut = match.start() if match else len(rest)
    cut = min(cut, MAX_TITLE)
    title = _TRAILING.sub("", rest[:cut])
    consumed = match.end() if match and match.start() == cut else cut
    return title, consumed


def _line_candidates(text: str, line_start: int, block_index: int, matcher: _Matcher,
                     out: list[Heading]) -> None:
    """Heading candidates of one line (a line that is a table row with data yields none)."""
    cells = _CELL_SPLIT.split(text)
    if len(cells) > 1:
        if any(cell.strip() for cell in cells[1:]):
            return
        text = cells[0]
    stripped = text.lstrip()
    lead = line_start + len(text) - len(stripped)
    stripped = stripped.rstrip()
    if not stripped:
        return
    for style, pattern in _STYLES:
        match = pattern.match(stripped)
        if match is None:
            continue
        number = cn_number(match.group(1))
        rest = stripped[match.end():]
        title, consumed = _split_title(rest)
        if number is None or not title:
            break
        out.append(Heading(block_index, lead, lead + match.end() + consumed, style, number,
                           stripped[:match.end()] + title, matcher.clean(title),
                           standalone=match.end() + consumed >= len(stripped)))
        break
    else:
        if len(stripped) <= MAX_UNNUMBERED:
            title = matcher.clean(stripped)
            if title in matcher.exact:
                out.append(Heading(block_index, lead, lead + len(stripped), "none", None, stripped, title))
    # headings run into the line after its first heading (one-line reports)
    if len(stripped) > RUN_IN_MIN:
        for match in _RUN_IN.finditer(stripped, 1):
            number = cn_number(match.group(1) or match.group(2))
            rest = stripped[match.end():]
            gap = len(rest) - len(rest.lstrip())
            title, consumed = _split_title(rest[gap:])
            if number is None or not title:
                continue
            offset = lead + match.start()
            out.append(Heading(block_index, offset, lead + match.end() + gap + consumed,
                               "part" if match.group(1) else "cn",
                               number, stripped[match.start():match.end() + gap + len(title)], matcher.clean(title),
                               standalone=False))


def find_headings(doc: Document, matcher: _Matcher) -> list[Heading]:
    """Every heading candidate of a document in reading order, with the ids it maps to."""
    found: list[Heading] = []
    for index, block in enumerate(doc.blocks):
        text = _nfkc(block.text)
        start = 0
        for line in text.split("\n"):
            _line_candidates(line, start, index, matcher, found)
            start += len(line) + 1
    kept = []
    for heading in found:
        original = doc.blocks[heading.block].text
        if len(original) == len(_nfkc(original)):  # evidence quotes the document, not NFKC
            heading.text = original[heading.offset:heading.offset + len(heading.text)]
        if matcher.not_headings is not None and matcher.not_headings.search(heading.title):
            continue
        heading.ids = matcher.ids(heading.title)
        kept.append(heading)
    return kept


def _main_headings(candidates: list[Heading]) -> list[Heading]:
    """The main headings: the best increasing run of the highest sequenced level + unnumbered."""
    by_style: dict[str, list[Heading]] = {}
    for heading in candidates:
        by_style.setdefault(heading.style, []).append(heading)
    top = None
    for style, _ in _STYLES:
        if len({h.number for h in by_style.get(style, [])}) >= 2:
            top = style
            break
    chain = _best_run(by_style[top]) if top else []
    covered = {i for h in chain for i in h.ids}
    # Off-sequence headings of the main level that stand on their own line and name a
    # section not covered yet: sections moved without renumbering (六 before 五).
    in_chain = {id(h) for h in chain}
    extra = [h for h in by_style.get(top or "", []) if id(h) not in in_chain and h.standalone and h.ids
             and not set(h.ids) & covered]
    covered |= {i for h in extra for i in h.ids}
    extra += [h for h in by_style.get("none", []) if h.ids and not set(h.ids) & covered]
    main = sorted(chain + extra, key=lambda h: (h.block, h.offset))
    for heading in main:
        heading.main = True
    return main


def _best_run(cands: list[Heading]) -> list[Heading]:
    """Heaviest subsequence with strictly increasing numbers (weighted LIS, O(n²))."""
    cands = sorted(cands, key=lambda h: (h.block, h.offset))[:400]
    weights = [1.0 + (2.0 if h.ids else 0.0) + (1.0 if h.standalone else 0.0) for h in cands]
    score: list[float] = []
    back: list[int] = []
    for i, heading in enumerate(cands):
        number = heading.number or 0
        best, best_j = weights[i] - 0.5 * (number - 1), -1
        for j in range(i):
            previous = cands[j].number or 0
            if previous < number:
                value = score[j] + weights[i] - 0.5 * (number - previous - 1)
                if value > best:
                    best, best_j = value, j
        score.append(best)
        back.append(best_j)
    if not cands:
        return []
    i = max(range(len(cands)), key=lambda k: score[k])
    run = []
    while i >= 0:
        run.append(cands[i])
        i = back[i]
    return run[::-1]


# --- judging ---------------------------------------------------------------------------


def _has_content(doc: Document, heading: Heading, following: Heading | None) -> bool:
    """Whether anything but punctuation stands between a heading and the next main one."""
    stop_block = following.block if following else len(doc.blocks) - 1
    for index in range(heading.block, stop_block + 1):
        text = _nfkc(doc.blocks[index].text)
        begin = heading.end if index == heading.block else 0
        end = following.offset if following and index == following.block else len(text)
        if _HAS_CONTENT.search(text, begin, max(begin, end)):
            return True
    return False


def _evidence(doc: Document, heading: Heading, section: str, flags: list[str] | None = None) -> Evidence:
    return Evidence(text=heading.text, source="heading", page=doc.blocks[heading.block].page,
                    section=section, flags=flags or [])


def _out_of_order(found: list[str], order: tuple[str, ...]) -> list[str]:
    """Ids that break the required order: those outside the longest in-order run."""
    seq = [s for s in found if s in order]
    if len(seq) < 2:
        return []
    rank = [order.index(s) for s in seq]
    best = [1] * len(seq)
    for i in range(len(seq)):
        for j in range(i):
            if rank[j] < rank[i]:
                best[i] = max(best[i], best[j] + 1)
    keep: set[int] = set()
    length, last = max(best), len(order)
    for i in range(len(seq) - 1, -1, -1):
        if best[i] == length and rank[i] < last:
            keep.add(i)
            length -= 1
            last = rank[i]
    return [s for i, s in enumerate(seq) if i not in keep]


def _judge(doc: Document, main: list[Heading], candidates: list[Heading], req: _Requirements,
           result: SectionResult, ids_allowed: set[str], any_level: frozenset[str] = frozenset()) -> None:
    """Fill present/missing/empty/out_of_order/evidence/spans from the main headings."""
    first: dict[str, Heading] = {}
    nonempty: dict[str, bool] = {}
    for position, heading in enumerate(main):
        following = main[position + 1] if position + 1 < len(main) else None
        content = None
        for section in heading.ids:
            if section not in ids_allowed:
                continue
            result.spans.append((heading.block, section))
            first.setdefault(section, heading)
            if content is None:
                content = _has_content(doc, heading, following)
            nonempty[section] = nonempty.get(section, False) or content
    for heading in candidates:  # items a checklist accepts at any level
        for section in heading.ids:
            if section in any_level and section not in first:
                first[section] = heading
                nonempty[section] = True
                result.spans.append((heading.block, section))
    result.spans.sort()
    judged = [s for s in req.order] + [s for s in req.required + req.optional if s not in req.order]
    result.present = [s for s in judged if s in first]
    result.missing = [s for s in req.required if s not in first]
    result.empty = [s for s in result.present if not nonempty.get(s, True)]
    # a merged heading covers its sections in the template's order
    rank = {s: i for i, s in enumerate(req.order)}
    found_order = sorted(first, key=lambda s: (first[s].block, first[s].offset, rank.get(s, len(rank))))
    result.out_of_order = _out_of_order(found_order, req.order)
    for section in result.present:
        result.evidence[section] = _evidence(doc, first[section], section)
    for section in result.missing:
        result.evidence[section] = _missing_evidence(doc, section, req, first, main)


def _missing_evidence(doc: Document, section: str, req: _Requirements, first: dict[str, Heading],
                      main: list[Heading]) -> Evidence:
    """Where a missing section should have been: the heading before the gap (or after it)."""
    order = list(req.order) or list(req.required)
    position = order.index(section) if section in order else len(order)
    before = [first[s] for s in order[:position] if s in first]
    after = [first[s] for s in order[position + 1:] if s in first]
    if before:
        return _evidence(doc, max(before, key=lambda h: (h.block, h.offset)), section, ["missing", "after"])
    if after:
        return _evidence(doc, min(after, key=lambda h: (h.block, h.offset)), section, ["missing", "before"])
    if main:
        return _evidence(doc, main[0], section, ["missing", "after"])
    opening = next((b for b in doc.blocks if b.text.strip()), Block.paragraph(""))
    return Evidence(text=opening.text.strip()[:60], source="heading", page=opening.page, section=section,
                    flags=["missing", "no_headings"])


def _supervision_in_text(doc: Document, phrases: tuple[str, ...], start: int, stop: int) -> Block | None:
    """The block of the overview stating assessment/appraisal/accountability results, if any."""
    for block in doc.blocks[start:stop]:
        if sum(1 for p in phrases if p in block.text) >= 2:
            return block
    return None


def find_sections(doc: Document, template: str, *, is_government: bool = False,
                  tables_found: set[int] | None = None, checklist: str | None = None) -> SectionResult:
    """Sections of a normalised document judged against `template`'s requirements.

    Args:
        doc: the normalised document.
        template: `2021`, `2019`, `legacy` or `none` (no requirements: empty result).
        is_government: a people's government, which must also report the results of
            工作考核、社会评议和责任追究 (Art. 50 item 4; the `supervision` extension id).
        tables_found: template tables (1/2/3) the table stage located; `None` skips the
            table check.
        checklist: path to a checklist YAML (docs/checklist.md) judged instead of the
            template, e.g. for self-inspection reports.

    Returns:
        A `SectionResult`; `present`/`missing` hold only LABELS.md ids (or checklist ids),
        extension ids go to `extensions`/`extensions_missing`.
    """
    result = SectionResult()
    if checklist:
        checklist_items(checklist)  # validates; cached per (path, mtime)
        path = Path(checklist)
        matcher, checklist_req, any_level = _checklist_rules(str(path.resolve()), path.stat().st_mtime)
        candidates = find_headings(doc, matcher)
        main = _main_headings(candidates)
        result.headings = main
        _judge(doc, main, candidates, checklist_req, result, {i.id for i in matcher.items}, any_level)
        return result

    rules = _template_rules()
    req = rules.templates.get(str(template))
    if req is None:
        return result
    candidates = find_headings(doc, rules.matcher)
    main = _main_headings(candidates)
    result.headings = main
    labels = set(req.order) | set(req.required) | set(req.optional)
    # Template section 一 is the overview: a first heading numbered 一 that maps to nothing
    # (e.g. 政府信息公开工作情况) is taken as the overview.
    if main and not main[0].ids and main[0].number == 1 and "overview" in labels \
            and not any("overview" in h.ids for h in main):
        main[0].ids = ["overview"]
    _judge(doc, main, candidates, req, result, labels)

    # extension ids: main headings, plus sub-headings for the overview's own topics
    for heading in candidates:
        for section in heading.ids:
            item = rules.items.get(section)
            if item is None or not item.extension or section in result.extensions:
                continue
            if heading.main or item.sub_level:
                result.extensions[section] = _evidence(doc, heading, section)
                if heading.main:
                    result.spans.append((heading.block, section))
    result.spans.sort()
    if is_government:
        for section in req.government:
            if section in result.extensions:
                continue
            item = rules.items[section]
            overview = next((h for h in main if "overview" in h.ids), None)
            start = overview.block if overview else 0
            stop = next((h.block for h in main if h.block > start and "overview" not in h.ids), len(doc.blocks))
            block = _supervision_in_text(doc, item.phrases, start, stop) if item.phrases else None
            if block is not None:
                result.extensions[section] = Evidence(text=block.text.strip()[:200], source="sentence",
                                                      page=block.page, section=section)
            else:
                result.extensions_missing.append(section)
    if tables_found is not None:
        result.tables_missing = [str(table) for section, table in req.tables
                                 if section in result.present and table not in tables_found]
    return result


__all__ = ["ChecklistError", "Heading", "SectionResult", "checklist_items", "cn_number", "find_headings",
           "find_sections"]
