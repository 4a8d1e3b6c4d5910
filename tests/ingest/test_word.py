"""Word files: docx tables as a tables table and indicators; .doc/.wps through LibreOffice or antiword."""
import os
import shutil
import subprocess

import pytest

from ecoanalysis.ingest import IngestError, read_document
from ecoanalysis.pipeline import process_file
from makedocs import REPORTS

ROWS = [["监测月份", "PM2.5浓度（微克/立方米）", "优良天数比率（%）"],
        ["1月", "46", "71.0"], ["2月", "39", "78.6"], ["3月", "31.5", "87.1"]]
STATIONS = [["断面名称", "总磷（毫克/升）", "水质类别"], ["城南水厂", "0.06", "II类"], ["黄泥湾", "0.11", "III类"]]

needs_soffice = pytest.mark.skipif(not shutil.which("soffice"),
                                   reason="LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
needs_antiword = pytest.mark.skipif(not shutil.which("antiword"), reason="antiword not installed (apt-get install antiword)")


def _docx(path, lines=REPORTS["qingshan"], tables=((2, ROWS), (4, STATIONS))):
    import docx

    d = docx.Document()
    after = dict(tables)
    for i, line in enumerate(lines):
        d.add_paragraph(line)
        if i in after:
            rows = after[i]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
    d.save(path)
    return path


def _table_indicators(res):
    ind = res.tables["indicators"]
    ind = ind[ind.figure_id.isin(_cell_figure_ids(res))]
    return sorted(ind[["indicator", "value", "unit", "period"]].values.tolist())


def _cell_figure_ids(res):
    cells = res.tables["tables"]
    figs = res.tables["figures"]
    spans = list(zip(cells.start, cells.end))
    return {f for f, s in zip(figs.figure_id, figs.start) if any(a <= s < b for a, b in spans)}


def test_docx_table_cells_become_indicators(tmp_path):
    res = process_file(_docx(tmp_path / "r.docx"), cache=None, keep_text=True)
    assert not res.errors
    cells = res.tables["tables"]
    assert sorted(set(cells.table_id)) == [1, 2] and len(cells) == 12 + 9
    # cell offsets point into the cleaned text
    for r in cells.itertuples():
        assert res.text[r.start:r.end] == r.cell_text
    assert cells[(cells.table_id == 1) & (cells.row == 3) & (cells.column == 2)].header_path.tolist() == \
        ["优良天数比率（%） > 3月"]
    assert _table_indicators(res) == [
        ["good_air_ratio", 71.0, "%", "1月"], ["good_air_ratio", 78.6, "%", "2月"], ["good_air_ratio", 87.1, "%", "3月"],
        ["pm25", 31.5, "ug/m3", "3月"], ["pm25", 39.0, "ug/m3", "2月"], ["pm25", 46.0, "ug/m3", "1月"],
        ["total_phosphorus", 0.06, "mg/L", ""], ["total_phosphorus", 0.11, "mg/L", ""],
        ["water_section_class", 2.0, "class", ""], ["water_section_class", 3.0, "class", ""]]
    ind = res.tables["indicators"]
    tp = ind[ind.figure_id.isin(_cell_figure_ids(res)) & (ind.indicator == "total_phosphorus")]
    assert sorted(tp.qualifier) == ["城南水厂", "黄泥湾"]  # the row label names the station
    # header units and "单位：" lines are declarations: nothing in this report is hidden
    assert not res.tables["figures"].masked.any()
    assert res.report["masked_share"] == 0


def test_transposed_table_indicator_in_row_labels(tmp_path):
    rows = [["指标", "1月", "2月", "上半年"], ["PM2.5浓度（微克/立方米）", "41", "36", "30.2"],
            ["总磷（毫克/升）", "0.08", "0.07", "0.075"]]
    res = process_file(_docx(tmp_path / "t.docx", tables=((2, rows),)), cache=None)
    got = sorted(_table_indicator_rows(res, ["indicator", "value", "unit", "period", "qualifier"]))
    assert got == [["pm25", 30.2, "ug/m3", "上半年", ""], ["pm25", 36.0, "ug/m3", "2月", ""],
                   ["pm25", 41.0, "ug/m3", "1月", ""], ["total_phosphorus", 0.07, "mg/L", "2月", ""],
                   ["total_phosphorus", 0.075, "mg/L", "上半年", ""], ["total_phosphorus", 0.08, "mg/L", "1月", ""]]


def test_unit_declared_in_the_caption_applies_to_the_table(tmp_path):
    lines = ["青山区生态环境局2023年工作总结", "一、环境质量", "表1 主要污染物浓度（单位：微克/立方米）", "二、存在的问题"]
    rows = [["月份", "PM2.5", "PM10"], ["1月", "52", "88"], ["2月", "44", "71"]]
    res = process_file(_docx(tmp_path / "c.docx", lines=lines, tables=((2, rows),)), cache=None)
    assert sorted(_table_indicator_rows(res, ["indicator", "value", "unit", "period"])) == [
        ["pm10", 71.0, "ug/m3", "2月"], ["pm10", 88.0, "ug/m3", "1月"],
        ["pm25", 44.0, "ug/m3", "2月"], ["pm25", 52.0, "ug/m3", "1月"]]
    assert not res.tables["figures"].masked.any()


def _table_indicator_rows(res, cols):
    ind = res.tables["indicators"]
    return ind[ind.figure_id.isin(_cell_figure_ids(res))][cols].values.tolist()


def test_unit_declarations_are_not_masked_values(tmp_path):
    lines = ["青山区生态环境局2023年工作总结", "一、环境质量", "表1 各月空气质量（单位：微克/立方米）",
             "全区PM2.5平均浓度为35.2微克/立方米，较上年提高3.1", "个百分点。", "PM2.5浓度为微克/立方米。"]
    p = tmp_path / "u.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    figs = process_file(p, cache=None).tables["figures"]
    masked = figs[figs.masked]
    # only the sentence that really lost its number (为 + unit) is masked
    assert masked.sentence.tolist() == ["PM2.5浓度为微克/立方米。"]


def _to_doc(docx_path, tmp_path, fmt="doc"):
    out = tmp_path / "conv"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    return out / f"{docx_path.stem}.{fmt}"


@pytest.mark.slow  # LibreOffice starts twice (~10 s)
@needs_soffice
def test_doc_saved_by_libreoffice_reads_like_the_docx(tmp_path):
    src = _docx(tmp_path / "report.docx")
    doc_file = _to_doc(src, tmp_path)
    assert doc_file.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a real OLE2 Word file
    a = process_file(src, cache=None)
    b = process_file(doc_file, cache=None)
    assert not b.errors, b.errors
    assert b.report["source_format"] == "doc" and b.report["encoding"] == "doc-via-libreoffice"
    assert _table_indicators(b) == _table_indicators(a)
    wps = tmp_path / "report.wps"  # WPS Office's .wps is the same binary family
    shutil.copy(doc_file, wps)
    c = process_file(wps, cache=None)
    assert not c.errors and c.report["source_format"] == "wps"
    assert _table_indicators(c) == _table_indicators(a)


@pytest.mark.slow
@needs_soffice
@needs_antiword
def test_doc_through_antiword_when_libreoffice_is_absent(tmp_path, monkeypatch):
    doc_file = _to_doc(_docx(tmp_path / "report.docx"), tmp_path)
    only = tmp_path / "bin"
    only.mkdir()
    os.symlink(shutil.which("antiword"), only / "antiword")
    monkeypatch.setenv("PATH", str(only))
    doc = read_document(doc_file)
    assert doc.encoding == "doc-via-antiword"
    assert "PM2.5平均浓度为35.2微克/立方米" in doc.text.replace("\n", "")


def test_doc_without_any_converter_says_what_to_install(tmp_path, monkeypatch):
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH
    with pytest.raises(IngestError) as err:
        read_document(p)
    assert err.value.code == "needs_converter"
    assert "apt-get install libreoffice-writer-nogui" in err.value.message and ".docx" in err.value.message


def test_docx_with_huge_document_xml_is_refused_before_parsing(tmp_path):
    import zipfile

    src = _docx(tmp_path / "small.docx", tables=())
    big = tmp_path / "big.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (70 * 2**20))
            zout.writestr(info, data)
    assert big.stat().st_size < 2**20
    with pytest.raises(IngestError) as err:
        read_document(big)
    assert err.value.code == "too_large" and "64 MB" in err.value.message
