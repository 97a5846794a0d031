"""Classify: document type, year covered, agency, its level and sector.

Input: a normalised `Document` (one part of a compilation). Output: `Classification`,
each value with the line it was read from as `Evidence`.

The title decides first, because reports name their own genre and agency there
(rules/doc_types.yaml, rules/metadata.yaml); the body decides where the title is
missing, anonymised or rewritten by a download site; a character n-gram model
(`train.py`, shipped as JSON) types what no rule types.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import Document, Evidence
from .numerals import arabic_years
from .rules import load_yaml
from .train import load_model

#: Characters of the body the doc-type model reads after the title.
OPENING_CHARS = 300
#: Lines at the head of a document searched for its title.
TITLE_LINES = 12
#: Longest title accepted; a longer line is cut after its genre word.
MAX_TITLE = 70

_HAN = r"\u4e00-\u9fa5"
_SENTENCE_PUNCT = re.compile(r"[。，,；;：:！？]")


@dataclass
class Classification:
    doc_type: str | None = None
    doc_type_confidence: float | None = None
    year: int | None = None
    published: str | None = None
    agency: str | None = None
    agency_level: str | None = None
    sector: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass(frozen=True)
class _Rules:
    title_rules: tuple[tuple[str, re.Pattern[str], bool], ...]
    body_statement: re.Pattern[str]
    body_sections: tuple[re.Pattern[str], ...]
    body_min_sections: int
    body_rules: tuple[tuple[str, re.Pattern[str]], ...]
    title_words: re.Pattern[str]
    period: re.Pattern[str]
    period_strict: re.Pattern[str]
    title_year: re.Pattern[str]
    opening_year: re.Pattern[str]
    body_year: re.Pattern[str]
    published_labelled: re.Pattern[str]
    published_closing: re.Pattern[str]
    title_cut: re.Pattern[str]
    title_strip: re.Pattern[str]
    placeholder: str
    blank_place: str
    place_suffix: re.Pattern[str]
    place_organs: str
    place_default_organs: tuple[tuple[str, str], ...]
    organ_suffix: str
    office_completions: re.Pattern[str]
    township_organ: re.Pattern[str]
    self_reference: re.Pattern[str]
    municipalities: tuple[str, ...]
    zone_suffix: re.Pattern[str]
    abbreviations: tuple[tuple[str, str], ...]
    county_level_cities: tuple[str, ...]
    national_prefix: re.Pattern[str]
    levels: tuple[tuple[re.Pattern[str], str], ...]
    sectors: tuple[tuple[re.Pattern[str], str], ...]


@lru_cache(maxsize=None)
def _rules() -> _Rules:
    """doc_types.yaml and metadata.yaml, compiled once per process."""
    types: dict[str, Any] = load_yaml("doc_types.yaml")
    meta: dict[str, Any] = load_yaml("metadata.yaml")
    body = types["annual_report_body"]
    return _Rules(
        title_rules=tuple((r["doc_type"], re.compile(r["title"]), bool(r.get("weak"))) for r in types["title_rules"]),
        body_statement=re.compile(body["statement"]),
        body_sections=tuple(re.compile(s) for s in body["sections"]),
        body_min_sections=int(body["min_sections"]),
        body_rules=tuple((r["doc_type"], re.compile(r["body"])) for r in types["body_rules"]),
        title_words=re.compile(types["title_words"]),
        period=re.compile(types["year"]["period"]),
        period_strict=re.compile(types["year"]["period_strict"]),
        title_year=re.compile(types["year"]["title"]),
        opening_year=re.compile(types["year"]["opening"]),
        body_year=re.compile(types["year"]["body"]),
        published_labelled=re.compile(types["published"]["labelled"]),
        published_closing=re.compile(types["published"]["closing"]),
        title_cut=re.compile(meta["title_cut"]),
        title_strip=re.compile(meta["title_strip"]),
        placeholder=meta["placeholder"],
        blank_place=meta["blank_place"],
        place_suffix=re.compile(meta["place_suffix"]),
        place_organs=meta["place_organs"],
        place_default_organs=tuple(meta.get("place_default_organs", {}).items()),
        organ_suffix=meta["organ_suffix"],
        office_completions=re.compile(meta["office_completions"]),
        township_organ=re.compile(meta["township_organ"]),
        self_reference=re.compile(meta["self_reference"]),
        municipalities=tuple(meta["municipalities"]),
        zone_suffix=re.compile(meta["zone_suffix"]),
        abbreviations=tuple(meta["abbreviations"].items()),
        county_level_cities=tuple(meta["county_level_cities"]),
        national_prefix=re.compile(meta["national_prefix"]),
        levels=tuple((re.compile(p), level) for p, level in meta["levels"]),
        sectors=tuple((re.compile(p), sector) for p, sector in meta["sectors"]))


def _lines(doc: Document) -> list[str]:
    return [line.strip() for block in doc.blocks if block.kind == "paragraph"
            for line in block.text.split("\n") if line.strip()]


def find_title(doc: Document) -> str | None:
    """The document's title: `doc.title` (set by split), else the first head line with a genre word.

    A title broken over two lines is joined; a title run into the body on one long
    line is cut after its genre word.
    """
    if doc.title:
        return doc.title.strip()
    return head_title(doc)


def head_title(doc: Document) -> str | None:
    """The first head line with a genre word (for a plan: the notice that issues it)."""
    lines = _lines(doc)[:TITLE_LINES]
    for i, line in enumerate(lines):
        text = line
        if not _genre_word(text) and len(line) < 40 and i + 1 < len(lines):
            text = line + lines[i + 1]
        match = _genre_word(text)
        if match is None or _SENTENCE_PUNCT.search(text[:match.start()]) \
                or text[match.end():].startswith("如下"):  # 现将有关情况报告如下: the body speaking
            if "。" in line:  # the body has begun: a genre word further on is not a title
                break
            continue
        tail = re.match(r"(?:的?(?:审查评估|审查|评估|评议)(?:情况)?的?报告)?》?(?:的通知|[及和]\d{4}年(?:工作)?思路|汇编)?(?:（\d+篇）|\(\d+篇\))?",
                        text[match.end():])
        title = text[:match.end() + (tail.end() if tail else 0)]
        return re.sub(r"\s+[-—_|].*$", "", title).strip()
    return None


def _genre_word(text: str) -> re.Match[str] | None:
    """The first genre word (报告, 总结, 要点…) within the title length, if any."""
    match = _rules().title_words.search(text)
    return match if match and match.end() <= MAX_TITLE else None


def opening_text(doc: Document) -> str:
    """What the doc-type model reads: the title, then the opening of the body."""
    title = find_title(doc) or ""
    body = "".join(_lines(doc))
    return (title + "\n" + body[:OPENING_CHARS]).strip()


def _doc_type(doc: Document, title: str | None) -> tuple[str | None, float | None, Evidence | None]:
    rules = _rules()
    weak: tuple[str, Evidence] | None = None
    if title:
        for doc_type, pattern, is_weak in rules.title_rules:
            if pattern.search(title):
                evidence = Evidence(text=title, source="metadata")
                if not is_weak:
                    return doc_type, 1.0, evidence
                weak = weak or (doc_type, evidence)
    body = doc.text
    statement = rules.body_statement.search(body)
    sections = sum(1 for p in rules.body_sections if p.search(body))
    if statement and sections >= rules.body_min_sections:
        start = max(0, statement.start() - 20)
        return "annual_report", 0.9, Evidence(text=body[start:statement.end() + 40], source="sentence")
    if weak:
        return weak[0], 0.8, weak[1]
    for doc_type, pattern in rules.body_rules:
        match = pattern.search(body)
        if match:
            return doc_type, 0.9, Evidence(text=body[max(0, match.start() - 20):match.end() + 20], source="sentence")
    model = load_model("doc_type")
    if model is None:
        return None, None, None
    label, probability = model.predict(opening_text(doc))
    return label, round(probability, 4), Evidence(text=opening_text(doc)[:120], source="metadata",
                                                  flags=["model"])


def _year(doc: Document, title: str | None) -> tuple[int | None, Evidence | None]:
    """The year covered: statistic period, title, then the body's commonest opening year.

    Years in Chinese numerals (二〇一五年, 二零二二年度) are read as the digits they write;
    the evidence quotes the document as written (the conversion keeps every offset).
    """
    rules = _rules()
    original = doc.text
    text = arabic_years(original)  # 二〇一五年 names 2015 as 2015年 does
    for match in rules.period.finditer(text):
        context = original[max(0, match.start() - 30):match.end()]
        if match.group(1):
            return int(match.group(1)), Evidence(text=context, source="sentence")
        if rules.period_strict.search(context):  # a statistic period with its year deleted
            return None, Evidence(text=context, source="sentence", flags=["year_redacted"])
    if title:
        title_match = rules.title_year.search(arabic_years(title))
        if title_match:
            return int(title_match.group(1)), Evidence(text=title, source="metadata")
    years = Counter(m.group(1) for m in rules.opening_year.finditer(text)) \
        or Counter(m.group(1) for m in rules.body_year.finditer(text))
    if years:
        year, _ = max(years.items(), key=lambda kv: (kv[1], kv[0]))
        where = re.search(rf"{year}年[^。]{{0,40}}", text)
        return int(year), Evidence(text=original[where.start():where.end()] if where else year, source="sentence")
    return None, None


def _published(doc: Document) -> tuple[str | None, Evidence | None]:
    rules = _rules()
    lines = _lines(doc)
    for line in lines[:TITLE_LINES]:
        match = rules.published_labelled.search(line)
        if match:
            y, m, d = match.groups()
            return f"{y}-{int(m):02d}-{int(d):02d}", Evidence(text=line, source="metadata")
    for line in reversed(lines[-8:]):
        match = rules.published_closing.match(line)
        if match:
            y, m, d = [g for g in match.groups() if g]
            return f"{y}-{int(m):02d}-{int(d):02d}", Evidence(text=line, source="metadata")
    return None, None


def agency_from_title(title: str) -> str | None:
    """The agency a title names: what stands before its year or genre words.

    >>> agency_from_title("四川省文化和旅游厅2022年政府信息公开工作年度报告")
    '四川省文化和旅游厅'
    >>> agency_from_title("宣汉县2018年政府信息公开工作年度报告")
    '宣汉县'
    >>> agency_from_title("xx局政府信息公开工作自查报告") is None
    True
    >>> agency_from_title("某县人民政府办公室关于2021年度全县政务公开工作评估情况的报告")
    '某县人民政府办公室'
    """
    rules = _rules()
    text = rules.title_strip.sub("", re.sub(r"\s+", "", arabic_years(title)))
    text = re.sub(r"^(?:(?:19|20)\d{2}|20xx)年度?", "", text)
    cut = rules.title_cut.search(text)
    name = text[:cut.start()] if cut else ""
    name = name.strip("《“\"：: ")
    if len(name) < 2 or not re.fullmatch(rf"[{_HAN}a-zA-Z（）()]+", name) \
            or not re.search(rf"(?:{rules.organ_suffix})$", name) and not rules.place_suffix.search(name) \
            or re.fullmatch(rf"{rules.placeholder}(?:{rules.organ_suffix})", name):  # xx局: an anonymised organ
        return None
    return name


def blank_agency(name: str) -> bool:
    """Whether a name is an unfilled template's: every place a blank and the organ a blank.

    >>> blank_agency("xx县xx局"), blank_agency("××局"), blank_agency("xx市质监局"), blank_agency("某市某区审计局")
    (True, True, False, False)
    """
    rules = _rules()
    return re.fullmatch(rf"{rules.blank_place}*{rules.placeholder}(?:{rules.organ_suffix})", name) is not None


def _agency(doc: Document, title: str | None) -> tuple[str | None, Evidence | None]:
    """The agency (None for an unfilled template's blank name, `blank_agency`)."""
    name, evidence = _named_agency(doc, title)
    if name is not None and blank_agency(name):
        return None, None
    return name, evidence


def _named_agency(doc: Document, title: str | None) -> tuple[str | None, Evidence | None]:
    """The agency: the title's, written out as the body writes it; else the body's own name.

    The head line goes first (a plan's issuing notice names the office that issued
    it); a title agency whose kind contradicts how the body speaks of itself (a 局 in
    the title, 我市 throughout the body: a download site's title) gives way to the body.
    """
    rules = _rules()
    lines = _lines(doc)
    titles = [t for t in dict.fromkeys([head_title(doc), title]) if t]
    body = "\n".join(lines)
    for text in titles:
        body = body.replace(text, "")
    selves = Counter(m.group(1) for m in rules.self_reference.finditer(body))
    self_ref = selves.most_common(1)[0][0] if selves else None
    place_self = self_ref in ("市", "县", "区", "旗", "镇", "乡", "省")
    if self_ref == "街道":  # 我街道: the street office
        self_ref = "办事处"
    for text in titles:
        name = agency_from_title(text)
        if not name:
            continue
        if rules.place_suffix.search(name):  # a bare place: the body says which body of it
            # 某区人民政府办公室 (a signature) names the office, not the government: an organ
            # word that runs on into an office is no naming of the place's own organ
            organs = Counter(re.findall(rf"{re.escape(name)}(?:{rules.place_organs})(?!办公)", body))
            default = "管理委员会" if rules.zone_suffix.search(name) else next(
                (organ for place, organ in rules.place_default_organs if name.endswith(place)), "人民政府")
            author = _author_line(name, lines)
            name = organs.most_common(1)[0][0] if organs else author or name + default
            return _full_name(_with_city(name, body), lines), Evidence(text=text, source="metadata")
        if name in body or self_ref is None or place_self == name.endswith("人民政府"):
            return _full_name(_with_city(_longer_form(name, body), body), lines), Evidence(text=text, source="metadata")
    if not self_ref:
        return None, None
    if place_self:  # 我市 → 市人民政府, or X市人民政府 when X市 is a place the body keeps naming
        places = Counter(re.findall(rf"([{_HAN}]{{2,3}}{self_ref})(?=人民政府)", body))
        named = [p for p, _ in places.most_common()
                 if not _FUNCTION_CHARS.search(p) and re.search(rf"(?:^|[\s，,。；;：:、“《(（]){p}", body, re.M)]
        best = (named[0] if named else self_ref) + "人民政府"
        return best, Evidence(text=f"我{self_ref}", source="sentence")
    organ = self_ref
    names: Counter[str] = Counter()
    # 委 may be the head of 委员会 (卫生健康委员会): the name is read whole, never cut at 委
    whole = "(?:员会)?" if organ == "委" else ""
    for token in re.findall(rf"[{_HAN}x]{{2,24}}{organ}{whole}(?!{rules.office_completions.pattern})", body):
        name = _FUNCTION_CHARS.split(token)[-1]
        if re.search(r"[省市州县区旗镇乡道]", name[:name.rindex(organ)]) and name[0] not in "我本该":
            names[name] += 1
    if names:
        best = max(names.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
        return best, Evidence(text=best, source="sentence")
    return None, None


#: A line that opens with a place and ends with an organ: the author or signature line
#: (如皋市政务公开办公室 under the title, 某区卫生健康委员会 above the date).
_MAX_AUTHOR_LINE = 30


def _author_line(place: str, lines: list[str]) -> str | None:
    """The body a bare place of the title stands for, as an author or signature line names it.

    Only a line that is the name alone counts (the line under the title, the signature
    above the date), and only when the body names no organ of the place itself: then the
    document's own words give the agency and no 人民政府 is invented.

    >>> _author_line("如皋市", ["如皋市2023年度年度报告审查评估报告", "如皋市政务公开办公室", "（2024年4月）"])
    '如皋市政务公开办公室'
    """
    organ = rf"(?:{_rules().organ_suffix})"
    for line in lines:
        line = re.sub(r"\s+", "", line)
        if len(line) <= _MAX_AUTHOR_LINE and line.startswith(place) \
                and re.fullmatch(rf"{re.escape(place)}[{_HAN}]{{0,16}}{organ}", line) \
                and not re.search(r"[的了是对将在我本该]", line):
            return line
    return None


#: Places before a name in a title or signature (上海市徐汇区 before 湖南路街道办事处).
_PLACE_PREFIX = rf"(?:[{_HAN}]{{1,7}}?(?:省|自治区|自治州|市|州|盟|地区|自治县|县|区|旗))"


def _full_name(name: str, lines: list[str]) -> str:
    """The name with the places a title or signature line writes before it.

    A second title line or the signature may spell the agency out in full (上海市徐汇区
    湖南路街道办事处 where the download title says 湖南路街道); that full name is the one the
    document gives. Only a line that is the name alone (a signature) or the name before
    the year or 关于 (a title) counts; a banner (某市某县人民政府门户网站) does not.

    >>> _full_name("湖南路街道办事处", ["湖南路街道2024年年度报告", "上海市徐汇区湖南路街道办事处"])
    '上海市徐汇区湖南路街道办事处'
    """
    pattern = re.compile(rf"({_PLACE_PREFIX}{{1,3}}?(?:人民政府)?){re.escape(name)}")
    counts: Counter[str] = Counter()
    for line in lines:
        line = re.sub(r"\s+", "", line)
        match = pattern.match(line)
        rest = line[match.end():] if match else ""
        if match and (not rest or re.match(r"(?:(?:19|20)\d{2}|[〇零一二]{4})年|关于", rest)) \
                and not _FUNCTION_CHARS.search(match.group(1)):  # the name alone, or a title
            counts[match.group(0)] += 1
    if not counts:
        return name
    return max(counts.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def _with_city(name: str, body: str) -> str:
    """A district or county agency under a municipality the document names, with that city.

    Only municipalities count (their districts are the next level down); a city the
    document never names is never added.
    """
    rules = _rules()
    for short, formal in rules.abbreviations:
        if name.endswith(short):
            name = name[:-len(short)] + formal
    if re.match(rf"[{_HAN}]{{1,8}}?(?:省|自治区|市|州|盟)", name):
        return name
    named = [city for city in rules.municipalities if city in body]
    if len(named) == 1 and re.match(rf"[{_HAN}]{{1,6}}?(?:区|县)", name):
        return named[0] + name
    return name


def _longer_form(name: str, body: str) -> str:
    """The body's fuller spelling of a title's agency.

    Two kinds: the place the title left out (市交通运输局 → 襄阳市交通运输局, 西城区… →
    北京市西城区…), and an abbreviation written out (投促局 → 投资促进局, 国资委 →
    人民政府国有资产监督管理委员会). The commonest fuller form the body writes wins; no
    place is added that the document does not write.
    """
    rules = _rules()
    counts: Counter[str] = Counter()
    for match in re.finditer(rf"[{_HAN}x]{{1,4}}{re.escape(name)}", body):
        extra = _FUNCTION_CHARS.split(match.group(0)[:-len(name)])[-1]
        if len(extra) >= 2 and (name[0] in "省市州县区旗" or extra[-1] in "省市州县区旗"):
            counts[extra + name] += 1
    place = re.match(rf"[{_HAN}]{{1,8}}?(?:省|市|州|县|区|旗)", name)
    if not counts and place:  # an abbreviation written out after the same place
        organ = rf"(?:{rules.organ_suffix})"
        for match in re.finditer(rf"{re.escape(name[0])}[{_HAN}]{{{len(name) - 1},{len(name) + 12}}}", body):
            for end in range(len(match.group(0)), len(name), -1):
                candidate, rest = match.group(0)[:end], body[match.start() + end:]
                if re.search(organ + "$", candidate) and _subsequence(name, candidate) \
                        and not _FUNCTION_CHARS.search(_ORGAN_WORDS.sub("", candidate)) \
                        and not rules.office_completions.match(rest) \
                        and _same_body(name, candidate):
                    counts[candidate] += 1
                    break
    if not counts:
        return name
    return max(counts.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]


#: Characters that never stand inside an agency name: a fuller form stops at them.
_FUNCTION_CHARS = re.compile(r"[的了与在为是对按将我本各全并及或等由向从把被年月日以请联系现公布、，。：:]")


#: Organ words holding characters that are function characters elsewhere (办公室's 公).
_ORGAN_WORDS = re.compile(r"办公室|办公厅")


def _same_body(name: str, candidate: str) -> bool:
    """Whether `candidate` spells out the body `name` names, rather than a unit inside it.

    A candidate that runs on past the whole name (十堰市商务局 → 十堰市商务局办公室) names the
    agency's office, not the agency; only a name cut after 办 is completed (某区政府办 →
    某区政府办公室).

    >>> _same_body("某市商务局", "某市商务局办公室"), _same_body("某区政府办", "某区政府办公室")
    (False, True)
    """
    if not candidate.startswith(name):
        return True
    return name.endswith("办") and bool(_rules().office_completions.fullmatch(candidate[len(name):]))


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


@lru_cache(maxsize=1)
def county_level_cities() -> tuple[str, ...]:
    """Names of county-level cities (高平市, 南宫市 …), longest first.

    A 市 that is not a prefecture cannot be told from its name. The national
    administrative-division codes shipped with the `cpca` package say which 市 sit
    at county level (code PPCCDD with DD != 00); rules/metadata.yaml may add more.
    """
    from importlib.util import find_spec

    names = set(_rules().county_level_cities)
    spec = find_spec("cpca")  # locate its data without importing it (its import is slow)
    if spec is None or not spec.submodule_search_locations:
        return tuple(sorted(names, key=len, reverse=True))
    adcodes = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    with open(adcodes, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, name = row["adcode"], row["name"]
            if name.endswith("市") and code[4:6] != "00":  # incl. 省直辖 such as 仙桃市 (4290xx)
                names.add(name)
    return tuple(sorted(names, key=len, reverse=True))


def agency_level(name: str | None) -> str | None:
    """national / province / city / county / township, from the agency's place words.

    >>> agency_level("北京市西城区发展和改革委员会")
    'county'
    """
    if not name:
        return None
    rules = _rules()
    if rules.national_prefix.search(name) or re.fullmatch(rf"[{_HAN}]{{1,6}}部", name):
        return "national"
    if rules.township_organ.search(name):  # 某镇人民政府, 某区人民政府某街道办事处
        return "township"
    for city in county_level_cities():
        if name.startswith(city):
            rest = name[len(city):]
            return "township" if re.search(r"乡|镇|街道", rest) else "county"
    head = name
    for organ in re.finditer(rf"(?:{rules.organ_suffix})", name):
        head = name[:organ.start()]
        break
    for municipality in rules.municipalities:
        if head.startswith(municipality):
            head = "省" + head[len(municipality):]
    for pattern, level in rules.levels:
        if pattern.search(head):
            return level
    return None


def agency_sector(name: str | None) -> str | None:
    """The sector the agency's organ words name (交通, 民政, 统计, 政府…)."""
    if not name:
        return None
    organ = name.replace("人民政府", "政府")  # 人民政府 holds 民政: not the civil-affairs sector
    for pattern, sector in _rules().sectors:
        if pattern.search(organ):
            return sector
    return None


def year_and_type(doc: Document) -> tuple[int | None, str | None]:
    """The year covered and the document type alone (what the narrative stage needs to
    tell the document's own figures from another year's or other agencies')."""
    title = find_title(doc)
    return _year(doc, title)[0], _doc_type(doc, title)[0]


def classify(doc: Document) -> Classification:
    """Document type, year, agency of a normalised document.

    >>> from corpus_tool.model import Block
    >>> doc = Document("x.txt", "txt", [Block.paragraph("柳州市交通运输局2018年政府信息公开工作年度报告")])
    >>> info = classify(doc)
    >>> info.doc_type, info.year, info.agency, info.sector
    ('annual_report', 2018, '柳州市交通运输局', '交通')
    """
    title = find_title(doc)
    result = Classification()
    result.doc_type, result.doc_type_confidence, type_evidence = _doc_type(doc, title)
    result.year, year_evidence = _year(doc, title)
    result.published, published_evidence = _published(doc)
    result.agency, agency_evidence = _agency(doc, title)
    result.agency_level = agency_level(result.agency)
    result.sector = agency_sector(result.agency)
    for key, evidence in (("doc_type", type_evidence), ("year", year_evidence),
                          ("published", published_evidence), ("agency", agency_evidence)):
        if evidence is not None:
            result.evidence[key] = evidence
    if result.agency and agency_evidence is not None:
        for key in ("agency_level", "sector"):
            if getattr(result, key):
                result.evidence[key] = Evidence(text=result.agency, source="metadata")
    return result


__all__ = ["Classification", "classify", "year_and_type", "find_title", "opening_text", "agency_from_title", "blank_agency",
           "agency_level", "agency_sector"]
