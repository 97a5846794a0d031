"""Segmentation: domain terms whole, figures whole, the dictionary loaded once.

Protocol: the sentences below are written the way annual reports, 自查报告 and 工作要点
phrase things (many adapted from the sample corpora); each checks that one domain term
comes out as a single token in context, not only on its own. Figures and dates are
checked the same way. Bare jieba fails most of these, which is why the dictionary exists.
"""
from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from corpus_tool.segment import (
    Segmenter, TextPart, get_segmenter, is_number, iter_texts, stopwords, tokens, user_dictionary)

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return get_segmenter()


# (term that must come out whole, realistic sentence holding it)
DOMAIN_TERMS = [
    ("政府信息公开", "全面落实政府信息公开各项要求，不断增强政府工作的公信力。"),
    ("政务公开", "深入推进政务公开标准化规范化建设，提升公开实效。"),
    ("依申请公开", "进一步规范依申请公开办理流程，严格按照法定时限答复。"),
    ("主动公开", "全年主动公开政府信息1,245条，其中规范性文件18件。"),
    ("行政复议", "本年度未发生因政府信息公开引发的行政复议案件。"),
    ("行政诉讼", "全年未发生涉及政府信息公开的行政诉讼。"),
    ("政务新媒体", "加强政务新媒体管理，及时关停整合僵尸账号。"),
    ("三公经费", "按要求公开部门预决算和三公经费情况。"),
    ("双随机、一公开", "全面推行双随机、一公开监管，公开抽查结果。"),
    ("放管服", "深入推进放管服，提升政务服务水平。"),
    ("一网通办", "依托政务服务平台推进一网通办，提升办事效率。"),
    ("政府信息公开工作年度报告", "按时编制并发布本机关政府信息公开工作年度报告。"),
    ("本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量为零。"),
    ("上年结转政府信息公开申请数量", "上年结转政府信息公开申请数量2件，均已办结。"),
    ("结转下年度继续办理", "另有1件因情况复杂结转下年度继续办理。"),
    ("人民政府办公室", "县人民政府办公室负责统筹协调全县政务公开工作。"),
    ("发展和改革委员会", "市发展和改革委员会认真贯彻落实条例规定。"),
    ("政府信息公开指南", "及时更新政府信息公开指南和公开目录。"),
    ("政府信息公开目录", "按照政府信息公开目录编制要求分类发布信息。"),
    ("政策解读", "坚持政策文件与政策解读同步组织、同步审签、同步部署。"),
    ("新闻发布会", "全年召开新闻发布会6场，回应社会关切。"),
    ("政府公报", "通过政府公报公开规范性文件。"),
    ("政府网站", "政府网站作为政府信息公开第一平台作用充分发挥。"),
    ("门户网站", "我局门户网站全年更新信息320条。"),
    ("政务微博", "通过政务微博发布各类信息150余条。"),
    ("政务微信", "政务微信公众号推送信息86条。"),
    ("规范性文件", "对规范性文件进行合法性审查后统一登记、统一编号。"),
    ("行政规范性文件", "本年制发行政规范性文件3件，无废止。"),
    ("行政许可", "本年度办理行政许可事项1,020件。"),
    ("行政处罚", "在网站公示行政处罚决定，接受社会监督。"),
    ("行政事业性收费", "行政事业性收费项目全部在网站公开。"),
    ("保密审查", "严格落实信息发布前保密审查制度。"),
    ("公开属性", "公文办理时同步确定公开属性。"),
    ("营商环境", "全力打造一流营商环境，加大政策公开力度。"),
    ("财政预决算", "财政预决算信息全部公开到项级科目。"),
    ("政府采购", "及时公开政府采购项目信息。"),
    ("脱贫攻坚", "集中公开脱贫攻坚领域项目资金信息。"),
    ("乡村振兴", "围绕乡村振兴加强政策宣传和信息公开。"),
    ("疫情防控", "及时发布疫情防控权威信息。"),
    ("安全生产", "公开安全生产监管执法信息。"),
    ("权责清单", "动态调整并公布部门权责清单。"),
    ("跨省通办", "推动高频政务服务事项跨省通办。"),
    ("告知承诺制", "全面推行告知承诺制，方便群众办事。"),
    ("本机关不掌握相关政府信息", "其中本机关不掌握相关政府信息的2件，已告知申请人。"),
    ("没有现成信息需要另行制作", "没有现成信息需要另行制作的，依法告知申请人。"),
    ("三类内部事务信息", "属于三类内部事务信息的不予公开。"),
    ("四类过程性信息", "属于四类过程性信息的依法不予公开。"),
    ("无正当理由大量反复申请", "对无正当理由大量反复申请的不予处理。"),
    ("未经复议直接起诉", "未经复议直接起诉的案件为零。"),
    ("政务服务中心", "在政务服务中心设立政府信息公开查阅点。"),
    ("街道办事处", "街道办事处全年主动公开信息210条。"),
    ("市场监督管理局", "区市场监督管理局加强执法信息公开。"),
    ("住房和城乡建设局", "县住房和城乡建设局公开保障性住房分配信息。"),
    ("卫生健康委员会", "市卫生健康委员会主动发布疫情信息。"),
    ("人力资源和社会保障局", "区人力资源和社会保障局公开就业创业政策。"),
    ("自查报告", "现将政府信息公开工作自查报告如下。"),
    ("工作要点", "按照省里的工作要点部署，细化任务分工。"),
    ("信息处理费", "本年度未收取信息处理费。"),
    ("互联网+政务服务", "深化互联网+政务服务，推进数据共享。"),
    ("政民互动", "加强政民互动栏目建设，及时回复网民留言。"),
    ("基层政务公开", "推进基层政务公开标准化规范化试点。"),
    ("政府开放日", "组织开展政府开放日活动，邀请群众走进机关。"),
]


@pytest.mark.parametrize("term, sentence", DOMAIN_TERMS, ids=[t for t, _ in DOMAIN_TERMS])
def test_domain_term_comes_out_whole(seg: Segmenter, term: str, sentence: str) -> None:
    assert term in seg.cut(sentence)


def test_enough_domain_terms_are_checked() -> None:
    assert len(DOMAIN_TERMS) >= 50
    assert len(user_dictionary()) >= 150


def test_every_dictionary_entry_is_one_token_on_its_own(seg: Segmenter) -> None:
    broken = [e.word for e in user_dictionary() if seg.cut(e.word) != [e.word]]
    assert broken == []


def test_dictionary_entries_are_well_formed() -> None:
    for entry in user_dictionary():
        assert entry.freq is not None and entry.freq > 0, entry
        assert entry.pos in {"nz", "nt", "n", "v", "l"}, entry
    words = [e.word for e in user_dictionary()]
    assert len(words) == len(set(words))


FIGURES = [
    ("2022年", "2022年,本局共受理申请5件。"),
    ("2022年度", "现将2022年度报告公布如下。"),
    ("12月31日", "统计期限自1月1日起至12月31日止。"),
    ("1月1日", "统计期限自1月1日起至12月31日止。"),
    ("2022年12月31日", "数据截至2022年12月31日。"),
    ("1.2万", "网站访问量达1.2万人次。"),
    ("3,374", "全年主动公开政府信息3,374条。"),
    ("1,234.5万", "预算总额1,234.5万元。"),
    ("600余", "发布信息600余条。"),
    ("3万余", "接听咨询电话3万余次。"),
    ("100多", "培训干部100多人。"),
    ("12.5%", "同比增长12.5%。"),
    ("2022-12-31", "发布日期:2022-12-31"),
    ("〔2021〕30号", "按照国办公开办函〔2021〕30号要求编制。"),
    ("二〇二二年", "二〇二二年三月"),
    ("23", "本年度共收到政府信息公开申请23件。"),
]


@pytest.mark.parametrize("figure, sentence", FIGURES, ids=[f for f, _ in FIGURES])
def test_figures_and_dates_are_single_tokens(seg: Segmenter, figure: str, sentence: str) -> None:
    assert figure in seg.cut(sentence)
    assert is_number(figure)


def test_figure_does_not_swallow_a_following_word(seg: Segmenter) -> None:
    assert seg.cut("接待群众600余人次") [-2:] == ["600余", "人次"]
    assert seg.cut("受理3,374件") == ["受理", "3,374", "件"]


def test_tokens_drop_punctuation_and_optionally_stopwords_and_figures(seg: Segmenter) -> None:
    text = "2022年,我局认真做好依申请公开工作,共办理申请23件。"
    words = seg.tokens(text)
    assert "," not in words and "。" not in words and "2022年" in words and "23" in words
    content = seg.tokens(text, drop_stopwords=True, numbers=False, min_chars=2)
    assert "依申请公开" in content and "认真" not in content  # 认真 is a stop word
    assert not any(is_number(t) for t in content)
    assert not set(content) & stopwords()


def test_segmenter_is_built_once_per_process() -> None:
    assert get_segmenter() is get_segmenter()
    assert user_dictionary() is user_dictionary()


def test_segmenter_leaves_jiebas_global_tokenizer_alone(seg: Segmenter) -> None:
    assert seg.cut("政务新媒体") == ["政务新媒体"]
    assert "政务新媒体" not in jieba.dt.FREQ  # the dictionary went into our Tokenizer only


def test_iter_texts_reads_every_part_of_a_compilation() -> None:
    (path,) = (CORPORA / "seeds").glob("000_*.txt")
    parts = list(iter_texts(path))
    assert [p.part for p in parts] == [0, 1, 2]
    assert all(p.error is None and len(p.text) > 200 for p in parts)


def test_tokens_frame_has_one_row_per_part_and_reports_unreadable_files(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("2022年,本机关本年新收政府信息公开申请数量3,374件。\n" * 3, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    frame = tokens(tmp_path)
    assert list(frame.columns) == ["path", "part", "title", "n_tokens", "tokens", "error"]
    row = frame[frame.path == str(good)].iloc[0]
    assert row.tokens[:4] == ["2022年", "本机关", "本年新收政府信息公开申请数量", "3,374"]
    assert row.n_tokens == len(row.tokens)
    bad = frame[frame.path.str.endswith("empty.txt")].iloc[0]
    assert bad.error and bad.tokens == []


def test_tokens_of_textparts_keep_their_metadata_as_groups() -> None:
    parts = [TextPart("x", 0, text="依申请公开", metadata={"year": 2022}),
             TextPart("y", 0, text="主动公开", metadata={})]
    frame = tokens(parts, metadata=True)
    assert list(frame.year) == ["2022", "unknown"]
    assert list(frame.tokens) == [["依申请公开"], ["主动公开"]]


def test_tokens_with_worker_processes_match_a_serial_run() -> None:
    serial = tokens(CORPORA / "seeds", jobs=1)
    parallel = tokens(CORPORA / "seeds", jobs=2)
    assert serial.equals(parallel)
