"""Figures, indicators and consistency checks from cleaned report text.

Example:
    >>> from ecoanalysis.extract import extract_figures, extract_indicators
    >>> t = "PM2.5平均浓度为32.2微克/立方米，同比改善13.6%。"
    >>> f = extract_figures(t, doc_id="d")
    >>> extract_indicators(t, f, doc_id="d")[["indicator", "kind", "value", "unit"]].values.tolist()
    [['pm25', 'actual', 32.2, 'ug/m3'], ['pm25', 'change', -13.6, '%']]
"""
from .figures import extract_figures, masked_share
from .indicators import HEADLINE_RULE, extract_indicators, headline
from .checks import run_checks

__all__ = ["extract_figures", "extract_indicators", "run_checks", "headline", "HEADLINE_RULE", "masked_share"]
