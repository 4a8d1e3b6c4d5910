"""Problem statements of reports, their themes, their links to the same report's plans, and
recurring problems across reports.

* ``statements``: ``extract_problems`` (the ``problems`` table) and the theme lexicon, per document.
* ``links``: ``link_problems_to_plans`` (the ``problem_plan_links`` table), per document.
* ``clusters``: ``cluster_problems``, ``similar_problems``, ``similarity_matrix``, across reports
  (the only part that builds corpus-wide matrices; per-document work never imports it).

Example:
    >>> from ecoanalysis.problems import extract_problems, cluster_problems
"""
from .links import LINK_THRESHOLD, link_problems_to_plans
from .statements import (classify_themes, theme_labels, themes, extract_problems, is_intro_sentence, is_problem_sentence,
                         theme_scores)


def __getattr__(name):
    # the corpus-level part (SciPy's clustering) loads only when asked for
    if name in ("cluster_problems", "similar_problems", "similarity_matrix", "CLUSTER_THRESHOLD"):
        from . import clusters

        return getattr(clusters, name)
    raise AttributeError(f"module 'ecoanalysis.problems' has no attribute {name!r}")


__all__ = ["themes", "theme_labels", "extract_problems", "classify_themes", "theme_scores", "is_problem_sentence",
           "is_intro_sentence", "link_problems_to_plans", "LINK_THRESHOLD", "cluster_problems",
           "similar_problems", "similarity_matrix", "CLUSTER_THRESHOLD"]
