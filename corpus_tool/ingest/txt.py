"""Plain-text reader: detect the encoding, never guess wrong silently.

Chinese government text files come as UTF-8 (with or without BOM), UTF-16, GB18030
(its GBK and GB2312 subsets) or Big5. A BOM decides; otherwise each candidate is
decoded strictly, and where more than one succeeds charset-normalizer's chaos
score arbitrates. When the runner-up is close, a warning names both, so a
doubtful guess is never silent.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..model import Block, Document
from . import IngestError

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]

#: Candidates tried in order when no BOM is present.
_CANDIDATES = ["utf-8", "gb18030", "big5"]

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM shows as a NUL in every other byte of ASCII text."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> tuple[str, str | None]:
    """(encoding, warning or None) for a byte string of text."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, None
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16, None
    if b"\x00" in data[:8000]:
        raise IngestError("binary data, not a text file (NUL bytes)")
    decodable = []
    for name in _CANDIDATES:
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        decodable.append(name)
        if name == "utf-8":
            return "utf-8", None  # strict UTF-8 on non-ASCII Chinese is never accidental
    if not decodable:
        # Fall back to what charset-normalizer finds at all; lossy decoding is flagged.
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise IngestError("binary data, not a text file (no text encoding fits)")
        return best.encoding, f"encoding {best.encoding} guessed; some bytes could not be decoded"
    if len(decodable) == 1:
        return decodable[0], None
    from charset_normalizer import from_bytes

    scores = {}
    for name in decodable:
        match = from_bytes(data, cp_isolation=[name]).best()
        scores[name] = match.chaos if match is not None else 1.0
    ranked = sorted(decodable, key=lambda n: (scores[n], _CANDIDATES.index(n)))
    chosen, runner = ranked[0], ranked[1]
    warning = None
    if scores[runner] - scores[chosen] < 0.02:
        warning = f"encoding uncertain: {chosen} chosen, {runner} also decodes (chaos {scores[chosen]:.3f} vs {scores[runner]:.3f})"
    return chosen, warning


def read(path: Path, data: bytes) -> Document:
    """Read a text file: each non-empty line group becomes a paragraph."""
    encoding, warning = detect_encoding(data)
    text = data.decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise IngestError(f"binary data, not a text file (control characters after decoding as {encoding})")
    if sample and sample.count("\ufffd") > 0.05 * len(sample):
        raise IngestError("binary data, not a text file (undecodable bytes)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [Block.paragraph(line) for line in text.split("\n")]
    # Keep empty lines as empty paragraphs: one-cell-per-line tables use them as blank cells.
    doc = Document(path=str(path), format="txt", blocks=blocks, encoding=encoding)
    if warning:
        doc.warnings.append(warning)
    return doc
