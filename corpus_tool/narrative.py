"""Narrative figures: numbers stated in sentences, attributed to field keys.

Input: a normalised `Document` (one part of a compilation). Output: `NarrativeResult`,
field key → value with the sentence as evidence.

Two steps, so that both the language and the examples decide:

1. Rules (`rules/phrases/*.yaml`) propose candidates: a sentence, a number span and
   the field the phrase names (共收到政府信息公开申请26件 → applications.new.total, 26),
   or a fixed value for a statement of none (未收到…申请 → 0). Context rules
   (`rules/phrases/context.yaml`) drop cumulative stocks, 其中 sub-counts and new-media
   posts, and flag approximate and year-to-date figures.
2. A character n-gram model trained on labelled sentences (`rules/models/`) reads the
   words around each proposed number and confirms the field or says `none`; proposals
   it does not confirm are dropped. Statements of none skip the model: their wording
   is closed and the rules say all there is.

Only the document's own figures count: a figure in a clause that opens with another
year than the document's (a plan restating last year's results) and, in plans and review
reports, a figure cited as another body's example (如某局…) are dropped
(`belongs_elsewhere`, context.yaml).

The first confirmed figure of each field in reading order wins (reports state the
total before they break it down); a figure beats a statement of none.

Legacy reports often append a statistics table (统计表: 统计指标 | 单位 | 统计数, or the
same rows flattened into lines). For legacy/none documents its rows are read by the
same phrase rules (row label + number + unit read as one phrase) and returned apart
(`table_fields`, evidence source "table"): the pipeline lets them win as table cells and
keeps a differing sentence as a conflict (LABELS.md, "a figure stated twice").
"""
from __future__ import annotations

import re
import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .model import Document, Evidence
from .numerals import NUMBER_PATTERN, NUMBER_RE, arabic_years, parse_number
from .rules import load_yaml
from .train import TextModel, load_model

#: Phrase files under rules/phrases/, one per field group.
PHRASE_FILES = ("proactive", "applications", "redress", "regulation", "legacy")

#: The model must give the proposed field at least this probability to confirm it: a veto
#: for numbers it clearly reads as something else (chosen by leave-one-document-out runs).
ACCEPT_PROBABILITY = 0.1
#: A field the model saw fewer examples of is decided by the phrase and context rules alone:
#: a thinly trained class would veto good figures (the legacy reasons, channels, fees).
MIN_MODEL_EXAMPLES = 15

#: Characters of context the model reads before and after the number.
CONTEXT_BEFORE, CONTEXT_AFTER = 30, 6

_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_CLAUSE_SEP = re.compile(r"[，。；：,;:！？!?\s]")
_TABLE_LINE = re.compile(r"\||\t|(?:\s\d+){3,}")
_LINE_END = re.compile(r"[。！？；：:”」）)]$")
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.、]|第[一二三四五六七八九十]+)")
_DIGITS = re.compile(NUMBER_PATTERN)
_CLOSED_BRACKET = re.compile(r"[（(][^（）()]*[）)]")
_HAN_RANGE = "\u4e00-\u9fa5"
#: `{Q}` in a phrase pattern: an optional quotation mark around a quoted name (“同意公开”十件);
#: every quote style the reports use (spec/TEMPLATES.md §6).
QUOTE_PATTERN = "[“”\"‘’'「」『』〝〞＂]?"


@dataclass
class NarrativeResult:
    """What the narrative stage read.

    `fields`/`evidence` hold one value per key: a statistics-table row (evidence source
    "table") wins over a sentence. The two sides are also kept apart, so that the pipeline
    can let the statistics table stand with the template tables and still see a sentence
    that contradicts it: `table_fields`/`table_evidence` (rows of an appended 统计表) and
    `sentence_fields`/`sentence_evidence` (sentences).
    """

    fields: dict[str, float | int] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    table_fields: dict[str, float | int] = field(default_factory=dict)
    table_evidence: dict[str, Evidence] = field(default_factory=dict)
    sentence_fields: dict[str, float | int] = field(default_factory=dict)
    sentence_evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass(frozen=True)
class PhraseRule:
    """One pattern of a phrases file, compiled."""

    id: str
    field: str
    regex: re.Pattern[str]
    object: re.Pattern[str] | None = None
    requires: re.Pattern[str] | None = None
    rejects: re.Pattern[str] | None = None  # searched in the sentence up to the number
    clause_rejects: re.Pattern[str] | None = None
    value: int | None = None  # a statement of none gives this fixed value
    copy_from: str | None = None  # takes the value this field got from the same sentence
    fallback: bool = False  # counts only when no other rule gives the field a figure in the document
    sole_figure: bool = False  # only when no other figure in 条 stands in the sentence (stocks aside)
    examples: tuple[tuple[str, float], ...] = ()
    counter_examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContextRules:
    """context.yaml compiled: what makes a figure a stock, a part, a post; what is partial."""

    stock: re.Pattern[str]
    in_year: re.Pattern[str]
    subcount: re.Pattern[str]
    new_media: re.Pattern[str]
    new_media_listed: re.Pattern[str]
    partial_year: re.Pattern[str]
    opening_year: re.Pattern[str]
    stated_total: re.Pattern[str]
    stated_total_channel: re.Pattern[str]
    stated_total_fields: frozenset[str]
    other_body: re.Pattern[str]
    other_body_doc_types: frozenset[str]
    subcount_fields: frozenset[str]
    new_media_fields: frozenset[str]
    examples: tuple[tuple[str, float, str], ...]


@dataclass
class Candidate:
    """A figure a rule proposed for a field, with where it stands."""

    field: str
    value: int | float
    sentence: str
    start: int  # number span in the sentence (the match span for a statement of none)
    end: int
    rule: str
    flags: list[str] = dataclasses.field(default_factory=list)  # not field(): the `field` attribute above shadows it
    fixed: bool = False  # a statement of none or a copied value: the model is not asked
    page: int | None = None
    fallback: bool = False  # from a fallback rule: used only when the field has no other figure


def _compile(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern else None


@lru_cache(maxsize=None)
def phrase_rules() -> tuple[PhraseRule, ...]:
    """Every narrative pattern of rules/phrases/*.yaml, compiled once per process."""
    rules = []
    for name in PHRASE_FILES:
        for entry in load_yaml(f"phrases/{name}.yaml")["patterns"]:
            pieces = entry["pattern"].replace("{Q}", QUOTE_PATTERN).split("{N}")  # each {N} becomes its own group n0, n1…
            pattern = "".join(piece + (f"(?P<n{i}>{NUMBER_PATTERN})" if i < len(pieces) - 1 else "")
                              for i, piece in enumerate(pieces))
            rules.append(PhraseRule(
                id=entry["id"], field=entry["field"], regex=re.compile(pattern),
                object=_compile(entry.get("object")), requires=_compile(entry.get("requires")),
                rejects=_compile(entry.get("rejects")),
                clause_rejects=_compile(entry.get("clause_rejects")), value=entry.get("value"),
                copy_from=entry.get("copy_from"), fallback=bool(entry.get("fallback")),
                sole_figure=bool(entry.get("sole_figure")),
                examples=tuple((str(text), value) for text, value in entry.get("examples", [])),
                counter_examples=tuple(entry.get("counter_examples", []))))
    return tuple(rules)


@lru_cache(maxsize=None)
def context_rules() -> ContextRules:
    """rules/phrases/context.yaml, compiled once per process."""
    data: dict[str, Any] = load_yaml("phrases/context.yaml")
    return ContextRules(
        stock=re.compile(data["stock"]), in_year=re.compile(data["in_year"]),
        subcount=re.compile(data["subcount"]), new_media=re.compile(data["new_media"]),
        new_media_listed=re.compile(data["new_media_listed"]),
        partial_year=re.compile(data["partial_year"]),
        opening_year=re.compile(data["opening_year"]), other_body=re.compile(data["other_body"]),
        stated_total=re.compile(data["stated_total"]), stated_total_channel=re.compile(data["stated_total_channel"]),
        stated_total_fields=frozenset(data["stated_total_fields"]),
        other_body_doc_types=frozenset(data["other_body_doc_types"]),
        subcount_fields=frozenset(data["subcount_fields"]), new_media_fields=frozenset(data["new_media_fields"]),
        examples=tuple((str(t), v, str(k)) for t, v, k in data.get("examples", [])))


def sentences(doc: Document) -> list[tuple[str, int | None]]:
    """The document's prose as sentences with their page, table-like lines left out.

    A line that breaks off mid-sentence (PDF text layers, hard-wrapped text) is
    joined to the next one unless the next one opens a heading.
    """
    return [(text, page) for text, page, _ in paragraph_sentences(doc)]


def paragraph_sentences(doc: Document) -> list[tuple[str, int | None, int]]:
    """`sentences`, each with the index of the paragraph (joined line) it stands in."""
    lines: list[tuple[str, int | None]] = []
    for block in doc.blocks:
        if block.kind != "paragraph":
            continue
        for line in block.text.split("\n"):
            line = line.strip()
            if line and not _TABLE_LINE.search(line):
                lines.append((line, block.page))
    joined: list[tuple[str, int | None]] = []
    for line, page in lines:
        if (joined and len(joined[-1][0]) >= 20 and not _LINE_END.search(joined[-1][0])
                and not _HEADING_START.match(line)):
            joined[-1] = (joined[-1][0] + line, joined[-1][1])
        else:
            joined.append((line, page))
    out: list[tuple[str, int | None, int]] = []
    for index, (text, page) in enumerate(joined):
        out.extend((s.strip(), page, index) for s in _SENTENCE_END.split(text) if s.strip())
    return out


def clause_before(sentence: str, start: int) -> str:
    """The clause holding position `start`, up to that position (after the last 、，；)."""
    cut = max((m.end() for m in _CLAUSE_SEP.finditer(sentence, 0, start)), default=0)
    return sentence[cut:start]


def context_verdict(sentence: str, start: int, field: str = "proactive.items_published") -> str:
    """Why a number is not a year's figure for `field` ('stock', 'subcount', 'new_media'), or 'total'.

    >>> context_verdict("截至2019年底，累计主动公开政府信息64627条。", 19)
    'stock'
    """
    ctx = context_rules()
    clause = clause_before(sentence, start)
    stock = ctx.stock.search(clause)
    if stock and not ctx.in_year.search(clause[:stock.start()]):
        return "stock"
    if field in ctx.subcount_fields and ctx.subcount.search(clause):
        return "subcount"
    media = ctx.new_media.search(clause)
    if field in ctx.new_media_fields and media and not ctx.new_media_listed.search(clause[media.end():]):
        return "new_media"
    return "total"


def sentence_year(sentence: str, start: int) -> int | None:
    """The year the clause holding position `start` speaks of, if a clause opens with one.

    The nearest clause before the number that opens with a year (2023年，全市… /
    2023年全市共…) governs it; a year inside a clause (因2011年办理的, 结转至2024年) does not.
    Years in Chinese numerals count as their digits.

    >>> sentence_year("2023年，全市共收到政府信息公开申请1208件。", 15)
    2023
    >>> sentence_year("全年受理58件，另有2件结转至2024年办理。", 10) is None
    True

    A year opening a bracket governs the bracket only (an aside about another year):

    >>> sentence_year("全年未发生行政复议（2019年发生行政复议1件）。", 20)
    2019
    >>> sentence_year("全年受理5件（2019年为3件），已答复5件。", 19) is None
    True
    """
    text = arabic_years(sentence[:start])
    while (aside := _CLOSED_BRACKET.sub("", text)) != text:  # a closed bracket governs nothing after it
        text = aside
    years = [m for m in context_rules().opening_year.finditer(text)]
    return int(years[-1].group(1)) if years else None


def belongs_elsewhere(candidate: Candidate, year: int | None, doc_type: str | None) -> str | None:
    """Why a figure is not the document's own ('other_year', 'other_body'), or None.

    A figure governed by a year other than the document's (when that is known) is
    another year's; in a plan or review report, a figure cited as another body's
    example (如某局…, 如某镇正文表述…) is that body's.
    """
    ctx = context_rules()
    governing = sentence_year(candidate.sentence, candidate.start)
    if year is not None and governing is not None and governing != year:
        return "other_year"
    if doc_type in ctx.other_body_doc_types and ctx.other_body.search(candidate.sentence[:candidate.start]):
        return "other_body"
    return None


def is_stated_total(candidate: Candidate) -> bool:
    """Whether a figure is stated as the year's total (共计主动公开…6842条), not a channel's.

    Only for the fields of `stated_total_fields`: such a total beats an earlier figure of
    the same paragraph that is not one (a portal figure before the sum of all channels).

    >>> s = "全县通过门户网站发布信息3120条，共计主动公开政府信息6842条。"
    >>> [is_stated_total(c) for c in find_candidates(s) if c.rule == "proactive.verb_object_items"]
    [False, True]
    """
    ctx = context_rules()
    if candidate.field not in ctx.stated_total_fields:
        return False
    clause = clause_before(candidate.sentence, candidate.start)
    total = ctx.stated_total.search(clause)
    if not total:
        return False
    channel = ctx.stated_total_channel.search(clause)
    return channel is None or bool(ctx.new_media_listed.search(clause[channel.end():]))


def model_text(sentence: str, start: int, end: int) -> str:
    """What the model reads: the words around the number, the number itself as '#'.

    Other numbers become '0', so the model learns wording, never the figures of the
    documents it was trained on.
    """
    left = sentence[max(0, start - CONTEXT_BEFORE):start]
    right = sentence[end:end + CONTEXT_AFTER]
    return _mask(left) + "#" + _mask(right)


def _mask(text: str) -> str:
    return re.sub(r"\d+(?:\.\d+)?", "0", text)


def find_candidates(sentence: str, page: int | None = None,
                    previous: list[Candidate] | tuple[Candidate, ...] = ()) -> list[Candidate]:
    """Every figure the phrase rules propose in one sentence (before the model decides).

    `previous` holds the figures confirmed in the sentence before: a statement that all
    were answered with no figure of its own (…申请三百二十八件。截至年底已全部答复) takes the
    count the sentence before stated, when its own sentence states none.
    """
    ctx = context_rules()
    partial = bool(ctx.partial_year.search(sentence))
    found: list[Candidate] = []
    for rule in phrase_rules():
        if rule.requires and not rule.requires.search(sentence):
            continue
        for match in _matches(rule, sentence):
            if rule.clause_rejects and rule.clause_rejects.search(clause_before(sentence, match.end())):
                continue
            if rule.rejects and rule.rejects.search(sentence[:match.end()]):
                continue
            flags = ["partial_year"] if partial else []
            if rule.value is not None or rule.copy_from:
                value: int | float | None = rule.value
                if rule.copy_from:
                    source = next((c for c in found if c.field == rule.copy_from and not c.fixed), None)
                    if source is None and not any(c.field == rule.copy_from for c in found):
                        source = next((c for c in previous if c.field == rule.copy_from and not c.fixed), None)
                    if source is None or any(c.field == rule.field for c in found):
                        continue
                    value, flags = source.value, source.flags + ["all_answered"]
                assert value is not None
                found.append(Candidate(rule.field, value, sentence, match.start(), match.end(), rule.id,
                                       flags, fixed=True, page=page))
                continue
            group = next(name for name, text in match.groupdict().items()
                         if name.startswith("n") and name[1:].isdigit() and text is not None)
            try:
                parsed = parse_number(match.group(group))
            except ValueError:  # a stray numeral character (万 alone), not a number
                continue
            if rule.sole_figure and _other_figures(sentence, match.start(group)):
                continue
            if parsed.approx:
                flags.append("approx")
            found.append(Candidate(rule.field, parsed.value, sentence, match.start(group), match.end(group),
                                   rule.id, flags, page=page, fallback=rule.fallback))
    return found


def _other_figures(sentence: str, start: int) -> bool:
    """Whether the sentence states another count of items (N条) than the one at `start`.

    Running stocks (累计…), sub-counts and new-media posts are not other figures: they sit
    beside a year's figure without splitting it.
    """
    return any(s != start and sentence.startswith("条", e) and context_verdict(sentence, s) == "total"
               for s, e in number_spans(sentence))


def _matches(rule: PhraseRule, sentence: str) -> list[re.Match[str]]:
    """Matches of a rule whose object (what was published, who applied) is acceptable.

    A rejected object does not consume the text: the search resumes one character
    on, so 政务公开栏…主动公开政府信息N条 still finds the second 公开.
    """
    found, pos = [], 0
    while (match := rule.regex.search(sentence, pos)) is not None:
        obj = match.groupdict().get("obj")
        if rule.object and obj is not None and not rule.object.fullmatch(obj):
            pos = match.start() + 1
            continue
        found.append(match)
        pos = match.end()
    return found


def confirmed(candidate: Candidate, model: TextModel | None) -> bool:
    """Whether a proposed figure stands: context first, then the model."""
    if candidate.fixed:
        return True
    if context_verdict(candidate.sentence, candidate.start, candidate.field) != "total":
        return False
    if model is None or model.examples_of(candidate.field) < MIN_MODEL_EXAMPLES:
        return True  # the model has not seen enough of this field to overrule the rules
    text = model_text(candidate.sentence, candidate.start, candidate.end)
    return model.probability(text, candidate.field) >= ACCEPT_PROBABILITY


_UNKNOWN: Any = object()


def extract_narrative(doc: Document, template: str | None, *, year: int | None = _UNKNOWN,
                      doc_type: str | None = _UNKNOWN) -> NarrativeResult:
    """Figures stated in prose (template is "2021"/"2019"/"legacy"/"none").

    The template does not change what is read: 2019/2021 reports state the proactive
    total (and often applications) only in prose, and the pipeline lets table cells
    win where both exist. Only the document's own figures are read: `year` (the year it
    covers) and `doc_type` tell another year's figures and, in plans and review reports,
    other bodies' (`belongs_elsewhere`); when not given they are read from the document.

    >>> from corpus_tool.model import Block
    >>> doc = Document("x.txt", "txt", [Block.paragraph("本年度共收到政府信息公开申请23件。")])
    >>> extract_narrative(doc, "legacy").fields["applications.new.total"]
    23
    """
    if year is _UNKNOWN or doc_type is _UNKNOWN:
        from .classify import year_and_type

        found_year, found_type = year_and_type(doc)
        year = found_year if year is _UNKNOWN else year
        doc_type = found_type if doc_type is _UNKNOWN else doc_type
    model = load_model("narrative")
    chosen: dict[str, Candidate] = {}
    fallbacks: dict[str, Candidate] = {}
    paragraph_of: dict[str, int] = {}
    previous: list[Candidate] = []
    for sentence, page, paragraph in paragraph_sentences(doc):
        kept = []
        for candidate in find_candidates(sentence, page, previous):
            if not confirmed(candidate, model) or belongs_elsewhere(candidate, year, doc_type):
                continue
            kept.append(candidate)
            if candidate.fallback:
                fallbacks.setdefault(candidate.field, candidate)
                continue
            current = chosen.get(candidate.field)
            if current is None or (current.fixed and current.value == 0 and not candidate.fixed) \
                    or (paragraph_of.get(candidate.field) == paragraph and not current.fixed and not candidate.fixed
                        and is_stated_total(candidate) and not is_stated_total(current)):
                chosen[candidate.field] = candidate
                paragraph_of[candidate.field] = paragraph
        previous = kept
    for key, candidate in fallbacks.items():  # only where no other rule gave a figure
        current = chosen.get(key)
        if current is None or (current.fixed and current.value == 0):
            chosen[key] = candidate
    result = NarrativeResult()
    for key, candidate in chosen.items():
        result.sentence_fields[key] = candidate.value
        result.sentence_evidence[key] = Evidence(text=candidate.sentence, source="sentence", page=candidate.page,
                                                 flags=list(dict.fromkeys(candidate.flags)))
    if template in ("legacy", "none"):  # the 2019/2021 template tables are read by tables/
        result.table_fields, result.table_evidence = read_statistics_table(doc)
    result.fields = {**result.sentence_fields, **result.table_fields}
    result.evidence = {**result.sentence_evidence, **result.table_evidence}
    return result


# --- appended statistics tables (统计表) of legacy reports ------------------------------------

#: Units of a statistics table's 单位 column (统计指标 | 单位 | 统计数).
_UNIT = re.compile(r"(?:件|条|个|人|人次|次|篇|项|期|份|起|宗|名|元|万元|亿元)")
#: Cell separators of a flattened table line: pipes, tabs, runs of spaces.
_CELL_SPLIT = re.compile(r"\s*\|\s*|\t+|\s{2,}|\u3000+")
_NUMBER_CELL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
#: `label number [unit]` on one line with single spaces (申请答复数 217, 同意公开 10 件).
_SPACED_ROW = re.compile(rf"(?P<label>[^\d\s|][^|\t]*?[{_HAN_RANGE}）)])\s+(?P<number>{_NUMBER_CELL.pattern})(?:\s*(?P<unit>{_UNIT.pattern}))?")
#: Numbering before a row label: (一) / （二） / 1. / 2、 / 四、
_ROW_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.．、](?!\d))\s*")
#: Notes in brackets inside a row label (不同渠道和方式公开相同信息计1条, 不包括用于购买设备的经费).
_LABEL_NOTE = re.compile(r"[（(][^（）()]*[)）]")
#: A row label is short and not a sentence.
MAX_ROW_LABEL = 60


def statistics_rows(doc: Document) -> list[tuple[str, str, str | None, str, int | None]]:
    """Rows of statistics tables: (label, number, unit, row text, page).

    A row is a label, exactly one number and optionally a unit, in a table block or a
    flattened line (`主动公开政府信息数 | 20836 | 条`, `收到申请数\t37`, `申请答复数 217`). Rows
    with several numbers (template tables, year-on-year columns) are not statistics rows.
    """
    rows: list[tuple[str, str, str | None, str, int | None]] = []
    for block in doc.blocks:
        if block.kind == "table":
            lines = [(cells, " | ".join(cells)) for cells in (block.rows or [])]
        else:
            lines = [(_CELL_SPLIT.split(line.strip()), line.strip()) for line in block.text.split("\n")]
        for cells, text in lines:
            row = _statistics_row([c.strip() for c in cells if c and c.strip()], text)
            if row:
                rows.append((*row, text, block.page))
    return rows


def _statistics_row(cells: list[str], text: str) -> tuple[str, str, str | None] | None:
    if len(cells) == 1:  # label and number parted by single spaces
        match = _SPACED_ROW.fullmatch(cells[0])
        if not match:
            return None
        cells = [match.group("label"), match.group("number")] + ([match.group("unit")] if match.group("unit") else [])
    numbers = [c for c in cells if _NUMBER_CELL.fullmatch(c)]
    units = [c for c in cells if _UNIT.fullmatch(c)]
    labels = [c for c in cells if c not in numbers and c not in units]
    if len(numbers) != 1 or len(labels) != 1 or len(units) > 1 or cells[0] != labels[0]:
        return None
    label = labels[0]
    if len(label) > MAX_ROW_LABEL or "。" in label or not re.search(rf"[{_HAN_RANGE}]", label):
        return None
    return label, numbers[0], units[0] if units else None


def read_statistics_table(doc: Document) -> tuple[dict[str, float | int], dict[str, Evidence]]:
    """Figures of an appended statistics table (统计表), read by the label rules.

    Each row becomes the phrase it abbreviates (`(三)申请答复数 | 件 | 217` → 申请答复数217件)
    and the phrase rules name its field; a row without a unit is read with 件, then 条.
    The row label is closed wording, so the model is not asked; the context rules still
    drop 其中 sub-rows and stocks. The first row of a field wins (totals precede their parts).
    """
    fields: dict[str, float | int] = {}
    evidence: dict[str, Evidence] = {}
    for label, number, unit, text, page in statistics_rows(doc):
        name = _ROW_NUMBERING.sub("", _LABEL_NOTE.sub("", label)).strip(" ：:")
        for guess in ([unit] if unit else ["件", "条"]):
            phrase = f"{name}{number}{guess}。"
            candidates = [c for c in find_candidates(phrase, page)
                          if not c.fixed and c.end <= len(name) + len(number) + len(guess)
                          and c.start >= len(name) - 1
                          and context_verdict(phrase, c.start, c.field) == "total"]
            for candidate in candidates:
                if candidate.field not in fields:
                    fields[candidate.field] = candidate.value
                    evidence[candidate.field] = Evidence(
                        text=text, source="table", page=page, row=label, column=unit,
                        flags=["statistics_table"] + list(dict.fromkeys(candidate.flags)))
            if candidates:
                break
    return fields, evidence


def number_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of every number followed by a counting unit (the model's 'none' examples)."""
    return [(m.start(), m.end()) for m in NUMBER_RE.finditer(sentence)
            if re.match(r"(?:件|条|起|个|宗|份|次|人次|篇|项|期|名|人|万?元)", sentence[m.end():m.end() + 2])
            and _DIGITS.fullmatch(m.group())]


__all__ = ["NarrativeResult", "extract_narrative", "read_statistics_table", "statistics_rows", "find_candidates", "sentences", "phrase_rules",
           "context_rules", "context_verdict", "sentence_year", "is_stated_total", "paragraph_sentences", "belongs_elsewhere", "model_text", "number_spans", "Candidate", "PhraseRule"]
