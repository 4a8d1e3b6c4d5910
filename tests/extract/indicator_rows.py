"""The rows the extractor gives for one invented sentence, as (indicator, kind, value, unit), with
the provenance checked on the way: shared by the phrasing-family tests of this folder."""
import math

from ecoanalysis.extract import extract_figures, extract_indicators


def rows(text, *, qualifier=False):
    """(indicator, kind, value, unit) per row, value None when masked; with ``qualifier=True`` the
    row's qualifier (the section or sub-area it names) comes fifth."""
    f = extract_figures(text, doc_id="t")
    df = extract_indicators(text, f, doc_id="t")
    for r in df.itertuples():
        assert text[r.start:r.end] and r.sentence in text
    return [(r.indicator, r.kind, None if math.isnan(r.value) else round(r.value, 6), r.unit)
            + ((r.qualifier,) if qualifier else ()) for r in df.itertuples()]
