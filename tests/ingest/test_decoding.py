"""Strict-then-lenient decoding: a stray byte is replaced and logged; foreign encodings are refused."""
import pytest

from ecoanalysis.clean import clean_text
from ecoanalysis.ingest import IngestError, decode_text, read_document
from ecoanalysis.pipeline import process_file

REPORT = ("青山区生态环境局2023年工作总结\n一、环境质量\n全区PM2.5平均浓度为35.2微克/立方米，"
          "空气质量优良天数为301天，优良天数比率为82.5%。\n二、存在的问题\n一是监测能力不足。\n")


def test_one_invalid_byte_is_replaced_and_logged_with_its_offset(tmp_path):
    good = REPORT.encode("utf-8")
    cut = good.index("优良天数为".encode())
    p = tmp_path / "r.txt"
    p.write_bytes(good[:cut] + b"\xff" + good[cut:])
    res = process_file(p, cache=None, keep_text=True)
    assert not res.errors and res.report["encoding"] == "utf-8"
    log = res.tables["cleaning_log"]
    bad = log[log.reason == "invalid_byte"]
    char_at = REPORT.index("优良天数为")
    assert bad[["orig_start", "orig_end"]].values.tolist() == [[char_at, char_at + 1]]
    assert bad.removed.tolist() == [f"\\xff at byte {cut}"]
    assert res.original[char_at] == "\ufffd"
    ind = res.tables["indicators"]
    assert {"pm25", "good_air_days", "good_air_ratio"} <= set(ind.indicator)


def test_many_invalid_bytes_are_not_utf8(tmp_path):
    data = REPORT.encode("utf-8").replace("的".encode(), b"\xff").replace("环".encode(), b"\xfe") * 5
    with pytest.raises(IngestError) as err:
        decode_text(data)
    assert err.value.code == "undecodable"


def test_bom_utf8_with_a_bad_byte(tmp_path):
    data = b"\xef\xbb\xbf" + REPORT.encode("utf-8").replace("问".encode(), b"\x80", 1)
    text, enc, log = decode_text(data)
    assert enc == "utf-8-sig" and [r["orig_start"] for r in log] == [REPORT.index("问")]
    assert clean_text(text, log=log).log[0]["reason"] == "invalid_byte"


JAPANESE = "環境省は二〇二三年の大気汚染状況を公表しました。ＰＭ２．５の年平均値は全国で改善しています。" * 5


@pytest.mark.parametrize("encoding", ["shift_jis", "euc_jp", "utf-8"])
def test_japanese_text_is_refused(tmp_path, encoding):
    p = tmp_path / "jp.txt"
    p.write_bytes(JAPANESE.encode(encoding))
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "not_chinese"


def test_gb18030_report_still_accepted():
    text, enc, _ = decode_text(REPORT.encode("gb18030"))
    assert (text, enc) == (REPORT, "gb18030")


def test_ascii_with_one_nul_is_not_utf16(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"Annual report of the bureau, air quality and water quality.\n" * 20 + b"\x00" + b"end\n")
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code in ("binary", "undecodable")


def test_text_over_the_limit_is_refused_while_reading(tmp_path):
    from ecoanalysis.ingest import MAX_TEXT_BYTES

    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(MAX_TEXT_BYTES + 1)
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "too_large" and "64 MB" in err.value.message
