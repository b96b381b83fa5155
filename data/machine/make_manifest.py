"""Rebuild manifest.csv from the writing plan (one JSON object per article) and the files.

Usage: python data/machine/make_manifest.py PLAN.json
The plan records, per article, the headline it answers (from the human corpus), the style, the
target length that the writer was asked for and, for the emulated_assistant style, the earlier
chat model whose typical answer the writer imitated; word counts are measured from the files.
"""
import csv
import json
import sys
from pathlib import Path

PROMPTS = {
    "wire": "Write a news report of about {n} words in the style of a wire-service story for the headline: {h}",
    "content_farm": "Write an SEO content-farm article of about {n} words for the headline: {h}",
    "explainer": "Write an explainer or listicle of about {n} words for: {h}",
    "press_release": "Write a news article in press-release tone, about {n} words, for: {h}",
    "hedged_analysis": "Write a news analysis of about {n} words for: {h}",
    "plain": "Write a news article with the headline: {h}",
    "plain_length": "Write a news article of about {n} words with the headline: {h}",
    "paraphrase": "Rewrite this news article (human corpus article {src}) in your own words as a "
                  "complete news article of about {n} words for the headline: {h}",
}


def main(plan_path: str) -> None:
    here = Path(__file__).resolve().parent
    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    rows = []
    for p in plan:
        file = here / f"{p['id']}.txt"
        if not file.exists() or not file.read_text(encoding="utf-8").strip():
            continue
        words = len(file.read_text(encoding="utf-8").split())
        rows.append({"id": p["id"], "file": file.name, "style": p["style"],
                     "headline": p["headline"], "source_article_id": p["source_article_id"],
                     "source_date": p["source_date"], "target_words": p["target_words"] or "",
                     "words": words, "layout": p["layout"], "writer": "Claude (subagent)",
                     "emulating": p.get("persona", ""),
                     "prompt": p.get("prompt") or PROMPTS[p["style"]].format(
                         n=p["target_words"], h=p["headline"], src=p["source_article_id"])})
    with open(here / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} articles in manifest")


if __name__ == "__main__":
    main(sys.argv[1])
