"""Score news articles for reliability, with the evidence behind each score.

    from reliability import Scorer, score_text
    result = score_text(open("article.txt").read())
    print(result.score, result.verdict, result.reasons())
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Scorer", "Result", "Signal", "score_text"]


def __getattr__(name: str):
    # Lazy, so `reliability --help` and `import reliability` stay instant.
    if name in __all__:
        from reliability import scoring
        return getattr(scoring, name)
    raise AttributeError(name)
