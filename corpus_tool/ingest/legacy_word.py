"""Old Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice, then read.

These OLE2 formats have no maintained pure-Python reader that keeps tables, so the
reader converts with `soffice --headless --convert-to docx` in a temporary folder
(with a time limit) and reads the result with the docx reader. Without LibreOffice
the user is told how to proceed instead of getting a half-read document.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..model import Document
from . import IngestError
from . import docx as docx_reader

#: Seconds LibreOffice may take to convert one file.
CONVERT_TIMEOUT = 120

NO_SOFFICE = (
    "old Word format (.doc/.wps) needs LibreOffice: install it so that `soffice` is on the PATH, "
    "or save the file as .docx"
)


def find_soffice() -> str | None:
    """The LibreOffice executable on the PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(path: Path, data: bytes) -> Document:
    """Convert the file to .docx with LibreOffice and read that; doc.format is "doc"."""
    soffice = find_soffice()
    if soffice is None:
        raise IngestError(NO_SOFFICE)
    with tempfile.TemporaryDirectory(prefix="corpus-tool-doc-") as tmp:
        source = Path(tmp) / f"input{path.suffix.lower() or '.doc'}"
        source.write_bytes(data)
        # A private profile folder: a running LibreOffice (or a parallel worker) would
        # otherwise lock the user's profile and make the conversion fail silently.
        profile = (Path(tmp) / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx",
                   "--outdir", tmp, str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise IngestError(f"LibreOffice took more than {CONVERT_TIMEOUT} s to convert the file") from exc
        converted = source.with_suffix(".docx")
        if not converted.exists():
            raise IngestError("LibreOffice could not convert the file (damaged or not a Word document?)")
        doc = docx_reader.read(path, converted.read_bytes())
    doc.format = "doc"
    return doc
