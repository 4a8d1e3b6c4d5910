"""Charts of the corpus tables: functions take DataFrames (``ecoanalysis.compare`` output) and an
optional ``ax=``, return the Axes (or a Figure for multi-panel charts), draw with the CJK font and
never show or save. ``plots.registry.render_all`` writes every figure; ``plots.clouds`` draws
word clouds. Attributes load lazily, so ``import ecoanalysis.plots`` does not import matplotlib.

Example:
    >>> from ecoanalysis import plots
    >>> callable(plots.indicator_dots)
    True
"""
_EXPORTS = {
    "indicator_dots": "indicators", "indicator_panels": "indicators", "indicator_heatmap": "indicators",
    "yoy_bars": "indicators", "topic_share_bars": "corpus", "completeness_bars": "corpus",
    "rectification_bars": "corpus", "problem_theme_heatmap": "problems", "recurring_clusters": "problems",
    "distinctive_terms_pair": "words", "group_clouds": "words", "word_cloud": "clouds",
    "word_clouds": "clouds", "render_all": "registry", "FIGURES": "registry",
}

__all__ = list(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
