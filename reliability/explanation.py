"""`reliability explain`: one article's verdict taken apart, for a terminal or as JSON.

The model is linear, so each signal's push (its logit contribution) is exact, not an
approximation; its share is that push's size over the sum of all pushes' sizes, which is what
"weight in this verdict" means here. Both renderings come from one dict so they cannot disagree.
Line numbers are those of the text as scored: after HTML extraction or Markdown stripping and
normalisation (blank-line runs collapsed), so they match the lines printed beside them.
"""
from __future__ import annotations

from typing import IO

from reliability.scoring import RELIABLE_AT, UNRELIABLE_BELOW, Result

DEFAULT_TOP = 15


def explanation(result: Result, top: int = DEFAULT_TOP) -> dict:
    """Score, verdict, the push of each signal group, and the `top` signals by size of push
    (all when `top` is 0) together with every signal that points at lines: those lines are
    what an editor can act on, however small the push."""
    total = sum(abs(s.contribution) for s in result.signals) or 1.0
    ranked = sorted(result.signals, key=lambda s: -abs(s.contribution))
    shown = [s for n, s in enumerate(ranked) if top <= 0 or n < top or s.evidence]
    return {
        "id": result.id, "score": result.score, "verdict": result.verdict, "words": result.words,
        "thresholds": {"reliable_at": RELIABLE_AT, "unreliable_below": UNRELIABLE_BELOW},
        "signals_total": len(result.signals),
        "groups": _group_pushes(result, total),
        "signals": [{"name": s.name, "value": round(s.value, 4),
                     "contribution": round(s.contribution, 4),
                     "share": round(abs(s.contribution) / total, 4),
                     "towards": "unreliable" if s.contribution > 0 else "reliable",
                     "evidence": [{"line": e.line, "text": e.text} for e in s.evidence]}
                    for s in shown],
    }


def _group_pushes(result: Result, total: float) -> list[dict]:
    """Summed push per signal family (the part of the name before the dot), largest first."""
    pushes: dict[str, float] = {}
    for s in result.signals:
        group = s.name.split(".", 1)[0]
        pushes[group] = pushes.get(group, 0.0) + s.contribution
    return [{"group": g, "contribution": round(c, 4), "share": round(abs(c) / total, 4)}
            for g, c in sorted(pushes.items(), key=lambda gc: -abs(gc[1]))]


def render_explanation(report: dict, out: IO[str]) -> None:
    """A rich report; colours follow the terminal and NO_COLOR, plain text when piped."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    # Piped to a file or a pager there is no terminal to fit: wide enough that no signal name
    # (up to 50 characters) breaks across lines, as it did at rich's default of 80 columns.
    piped = not (hasattr(out, "isatty") and out.isatty())
    console = Console(file=out, highlight=False, width=120 if piped else None)
    colour = {"reliable": "green", "review": "yellow", "unreliable": "red"}.get(report["verdict"], "")
    console.print(f"[bold]{escape(report['id'])}[/bold]  score [bold {colour}]{report['score']:.1f}"
                  f"[/bold {colour}] / 100  verdict [bold {colour}]{report['verdict']}"
                  f"[/bold {colour}]  ({report['words']} words)")
    console.print("by family: " + ", ".join(f"{g['group']} {g['contribution']:+.2f}"
                                            for g in report["groups"]))
    table = Table(title=f"{len(report['signals'])} of {report['signals_total']} signals: the "
                        "strongest, and all with evidence (push > 0 = towards unreliable)",
                  title_justify="left")
    table.add_column("signal", overflow="fold")
    for name in ("value", "push", "weight", "lines"):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name) + 2)
    for signal in report["signals"]:
        style = "red" if signal["towards"] == "unreliable" else "green"
        table.add_row(signal["name"], f"{signal['value']:.3g}",
                      f"[{style}]{signal['contribution']:+.3f}[/{style}]",
                      f"{100 * signal['share']:.1f}%", str(len(signal["evidence"]) or ""))
    console.print(table)
    _render_evidence(console, report["signals"])


def _render_evidence(console, signals: list[dict], limit: int = 4) -> None:
    """Each signal's evidence lines under its name, one terminal line each."""
    from rich.markup import escape

    for signal in (s for s in signals if s["evidence"]):
        console.print(f"[bold]{signal['name']}[/bold] ({signal['contribution']:+.3f})")
        for item in signal["evidence"][:limit]:
            where = f"line {item['line']:>3}" if item["line"] else "        "
            console.print(f"  {where}  {escape(item['text'])}", no_wrap=True, overflow="ellipsis")
        if len(signal["evidence"]) > limit:
            console.print(f"  ... {len(signal['evidence']) - limit} more (-f json lists all)")
