"""Reading: encodings detected, docx in document order, PDFs with and without a text layer."""
import zipfile

import pytest

from ecoanalysis.ingest import IngestError, decode_bytes, list_reports, read_document

SAMPLE = "一、大气污染防治\nPM2.5平均浓度为32.2微克／立方米，优良天数比率为81.9％。\n二、存在的问题"


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""),
    ("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""),
])
def test_txt_encodings(tmp_path, encoding, prefix):
    p = tmp_path / "r.txt"
    p.write_bytes(prefix + SAMPLE.encode(encoding))
    assert read_document(p).text == SAMPLE


def test_big5_traditional(tmp_path):
    trad = "一、環境質量\n全市優良天數比率為81.9%，國控斷面水質為III類，總磷濃度下降。"
    p = tmp_path / "t.txt"
    p.write_bytes(trad.encode("big5"))
    doc = read_document(p)
    assert doc.text == trad and doc.encoding == "big5"


@pytest.mark.parametrize("data, code", [
    (b"", "empty"), (b"   \n\n", "empty"), (bytes(range(256)) * 20, "binary"),
    (b"\x80\x80\x80\xff\xff\xff" * 10, "undecodable"),
])
def test_bad_txt(tmp_path, data, code):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == code and err.value.message


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("一、环境质量")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "指标", "数值"
    t.cell(1, 0).text, t.cell(1, 1).text = "PM2.5", "27微克/立方米"
    d.add_paragraph("二、存在的问题")
    p = tmp_path / "r.docx"
    d.save(p)
    text = read_document(p).text
    assert text.index("环境质量") < text.index("PM2.5\t27微克/立方米") < text.index("存在的问题")


def test_truncated_docx_and_zip_bomb(tmp_path):
    import docx

    good = tmp_path / "good.docx"
    d = docx.Document()
    d.add_paragraph("一、正文")
    d.save(good)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good.read_bytes()[:1500])
    with pytest.raises(IngestError) as err:
        read_document(cut)
    assert err.value.code == "corrupt_docx"
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (320 * 1024 * 1024))
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(IngestError) as err:
        read_document(bomb)
    assert err.value.code == "zip_bomb"


def _pdf(path, lines, **kw):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), **kw)
    c.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        c.drawString(50, 800 - 20 * i, line)
    c.showPage()
    c.save()


def test_pdf_text_layer(tmp_path):
    p = tmp_path / "r.pdf"
    _pdf(p, ["一、大气污染防治", "PM2.5平均浓度为32.2微克/立方米"])
    doc = read_document(p)
    assert "PM2.5平均浓度为32.2微克/立方米" in doc.text and doc.source_format == "pdf"


def test_pdf_without_text_layer_needs_ocr(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.rect(10, 10, 300, 300, fill=1)
    c.save()
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "needs_ocr" and "OCR" in err.value.message


def test_encrypted_pdf(tmp_path):
    p = tmp_path / "enc.pdf"
    _pdf(p, ["一、大气"], encrypt="secret")
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "encrypted_pdf"


def test_list_reports_skips_other_extensions(tmp_path):
    for name in ("a.txt", "b.docx", "c.pdf", "d.doc", "e.xlsx", "f.rtf", "g.wps", "metadata.csv", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    found, skipped = list_reports(tmp_path)
    assert [p.name for p in found] == ["a.txt", "b.docx", "c.pdf", "d.doc", "g.wps"]
    assert sorted(p.name for p in skipped) == ["e.xlsx", "f.rtf"]
    with pytest.raises(IngestError) as err:
        read_document(tmp_path / "f.rtf")
    assert err.value.code == "unsupported_extension" and ".docx" in err.value.message


def test_decode_bytes_reports_encoding():
    assert decode_bytes("生态环境".encode("gb18030")) == ("生态环境", "gb18030")


def test_txt_tab_separated_table_is_read_as_a_table(tmp_path):
    # a Word table or spreadsheet saved as text: its header names the indicator and the unit of
    # every cell below it, as for a .docx table (the values were read off the table by hand)
    from ecoanalysis.corpus import read_corpus

    text = ("各县区环境空气质量状况如下。\n县区\t优良天数比例（%）\tPM2.5浓度（微克/立方米）\n"
            "甲县\t85.2\t32\n乙县\t80.1\t35\n以上数据为初步统计。\n")
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    doc = read_document(tmp_path / "r.txt")
    assert [len(t["cells"]) for t in doc.tables] == [9]
    cell = doc.tables[0]["cells"][4]
    assert doc.text[cell["start"]:cell["end"]] == "85.2" == cell["text"]
    ind = read_corpus(tmp_path, cache=False).indicators
    got = sorted(zip(ind.indicator, ind.value))
    assert got == [("good_air_ratio", 80.1), ("good_air_ratio", 85.2), ("pm25", 32.0), ("pm25", 35.0)]


@pytest.mark.parametrize("text", [
    "甲\t乙\n没有表格的正文。",  # one tab-separated line is no table
    "县区\t说明\n甲县\t良好\n乙县\t一般",  # no number in any cell
    "甲\t1\n乙\t2\t3",  # rows of different widths
])
def test_txt_without_a_table_has_none(tmp_path, text):
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    assert read_document(tmp_path / "r.txt").tables == []


def test_tab_indented_outline_items_keep_their_prose_figures(tmp_path):
    # numbered items written 1.<tab>… form two-cell lines: read as a table or not, every figure of
    # their prose is still found once (the rows were worked out by reading the text)
    from ecoanalysis.corpus import read_corpus

    text = ("一、空气质量\n1.\t全县优良天数比例为85%，同比上升2个百分点。\n"
            "2.\tPM2.5平均浓度为30微克/立方米。\n二、水环境\n\t国控断面水质为Ⅲ类。\n")
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    ind = read_corpus(tmp_path, cache=False).indicators
    assert sorted(zip(ind.indicator, ind.kind, ind.value)) == [
        ("good_air_ratio", "actual", 85.0), ("good_air_ratio", "change", 2.0), ("pm25", "actual", 30.0),
        ("water_section_class", "actual", 3.0)]
