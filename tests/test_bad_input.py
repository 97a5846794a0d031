"""Unreadable files through `read_document`: each gives an IngestError a user can act on."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from corpus_tool.ingest import IngestError, read_document
from corpus_tool.ingest import legacy_word


def _error(path: Path) -> str:
    with pytest.raises(IngestError) as error:
        read_document(path)
    return str(error.value)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert _error(path) == "empty file (0 bytes)"


def test_corrupt_pdf(corrupt_pdf: Path) -> None:
    assert _error(corrupt_pdf).startswith("corrupt PDF: ")


def test_pdf_without_header(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"this is not a pdf at all")
    assert _error(path) == "not a PDF (no %PDF header)"


def test_encrypted_pdf(encrypted_pdf: Path) -> None:
    assert _error(encrypted_pdf) == "encrypted PDF (password required)"


def test_docx_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_text("政府信息公开工作年度报告", encoding="utf-8")
    assert _error(path) == "not a valid .docx (not a zip archive)"


def test_docx_without_document_part(tmp_path: Path) -> None:
    path = tmp_path / "parts.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert _error(path) == "not a valid .docx (word/document.xml missing from the archive)"


def test_docx_zip_bomb(zip_bomb_docx: Path) -> None:
    message = _error(zip_bomb_docx)
    assert message.startswith("refusing .docx: word/document.xml would expand to 300 MB")
    assert "zip bomb" in message


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: no disk or memory spent
        handle.truncate(250 * 1024 * 1024)
    with pytest.raises(IngestError, match="file too large"):
        read_document(path)


def test_binary_garbage_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(os.urandom(4096) + b"\x00" * 64)
    assert _error(path).startswith("binary data, not a text file")


def test_missing_file(tmp_path: Path) -> None:
    assert _error(tmp_path / "nowhere.pdf") == "cannot open file: No such file or directory"


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.docx"
    link.symlink_to(tmp_path / "gone.docx")
    assert _error(link) == "cannot open file: No such file or directory"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.html"
    folder.mkdir()
    assert _error(folder).startswith("cannot open file: ")


@pytest.mark.skipif(legacy_word.find_soffice() is not None, reason="LibreOffice installed: conversion path instead")
def test_doc_without_libreoffice(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    assert _error(path) == legacy_word.NO_SOFFICE
    assert "soffice" in legacy_word.NO_SOFFICE and ".docx" in legacy_word.NO_SOFFICE


@pytest.mark.skipif(legacy_word.find_soffice() is None, reason="needs LibreOffice (soffice) on the PATH")
def test_doc_converted_with_libreoffice(docx_file: Path, tmp_path: Path) -> None:
    import subprocess

    subprocess.run([legacy_word.find_soffice(), "--headless", "--convert-to", "doc", "--outdir", str(tmp_path),
                    str(docx_file)], check=True, capture_output=True, timeout=120)
    doc = read_document(tmp_path / "merged.doc")
    assert doc.format == "doc"
    assert "合江县2022年政府信息公开工作年度报告" in doc.text
