"""The HTML reader on a portal page around a Word-exported report, and on the dev corpus."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import DEV_DOCS, HTML_FURNITURE, HTML_INNER, HTML_OUTER, HTML_PARAGRAPHS, HTML_TABLE

from corpus_tool.ingest import read_document
from corpus_tool.ingest.html import is_furniture


def test_paragraphs_without_chrome(html_file: Path) -> None:
    doc = read_document(html_file)
    assert doc.format == "html" and doc.encoding == "utf-8"
    assert [block.text for block in doc.blocks if block.kind == "paragraph"] == HTML_PARAGRAPHS
    for furniture in HTML_FURNITURE:
        assert furniture not in doc.text


def test_word_export_table_spans_expanded_once(html_file: Path) -> None:
    assert read_document(html_file).tables[0].rows == HTML_TABLE


def test_nested_table_follows_outer(html_file: Path) -> None:
    doc = read_document(html_file)
    kinds = [block.kind for block in doc.blocks]
    assert kinds == ["paragraph"] * 4 + ["table", "paragraph", "table", "table"]
    assert [table.rows for table in doc.tables[1:]] == [HTML_OUTER, HTML_INNER]


@pytest.mark.parametrize(
    "line, furniture",
    [
        ("字号：大 中 小", True),
        ("【打印】 【关闭】", True),
        ("打印本页 关闭窗口", True),
        ("分享到：", True),
        ("扫一扫在手机打开当前页", True),
        ("当前位置：首页 > 政务公开", True),
        ("本年度未收取信息处理费。", False),
        ("发布时间：2023-01-10 字号：大 中 小", False),
    ],
)
def test_furniture_lines(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


def test_declared_gb2312_read_as_gb18030(tmp_path: Path) -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>政府信息公开申请12件</p></body></html>'
    path = tmp_path / "gbk.html"
    path.write_bytes(page.encode("gb18030"))
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert doc.text == "政府信息公开申请12件"


def test_undeclared_encoding_detected(tmp_path: Path) -> None:
    text = "本机关2022年共收到政府信息公开申请十二件，全部按时办结，未收取信息处理费。" * 5
    path = tmp_path / "nometa.htm"
    path.write_bytes(f"<html><body><p>{text}</p></body></html>".encode("gb18030"))
    doc = read_document(path)
    assert doc.text == text


def test_big_word_export_is_fast(big_html_file: Path) -> None:
    assert big_html_file.stat().st_size > 300_000
    start = time.perf_counter()
    doc = read_document(big_html_file)
    assert time.perf_counter() - start < 1.0
    assert doc.tables[0].rows == HTML_TABLE


def test_dev_html_template_tables() -> None:
    doc = read_document(next(DEV_DOCS.glob("d01_*.html")))
    row = next(row for table in doc.tables for row in table.rows if row[0] == "一、本年新收政府信息公开申请数量")
    assert row == ["一、本年新收政府信息公开申请数量", "", "", "9", "2", "0", "0", "1", "0", "12"]
    assert "字号" not in doc.text and "政务服务" not in doc.text  # the 字号 toolbar and the site menu
