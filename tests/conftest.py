import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

PADDED = """Local Council Approves New Park Budget

Local Council Approves New Park Budget

Introduction

The city council approved a new budget for parks on Tuesday, March 7, 2017. It is important to note that this decision underscores the council's unwavering commitment to green spaces.

Background:

The vote took place on 7 March 2017. The budget vote came less than a month after the council was elected on 2 September 2015 (link).

I. Significance of the Decision

Council leader Anna Berg said the plan was pivotal. Later, council leader Maria Berg said it could potentially transform the city. Berg added that residents welcome it.

Conclusion

Overall, it remains to be seen how the budget will be spent. Read more: (link)
Share this
"""

WIRE = """The city council on Tuesday approved a $4.2 million budget for parks, ending a two-year dispute over funding for playgrounds in the east of the city.
"We finally have money for the swings," council member Anna Berg told reporters after the 7-2 vote. Two members, who had argued for lower property taxes, voted against.
The plan pays for 14 new playgrounds and repairs to the Riverside pool, which closed in 2015 after a pipe burst. Work is due to start in May, Berg said.
Opponents said the council had underestimated maintenance costs. "They've bought the swings but not the oil," said Tom Hale, who runs a residents' group in Eastfield.
The mayor's office said it would publish a timetable for the repairs next week.
"""

# A real wire report (the AP seed) for tests that need an article the model should pass; the
# synthetic WIRE above is too short to be judged reliably and is for the extractors.
GOOD = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_files():
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def write_jsonl(tmp_path):
    def _write(rows, name="articles.jsonl"):
        path = tmp_path / name
        path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
        return path
    return _write


def labelled_rows(per_class: int = 30) -> list[dict]:
    """Distinct human-like and machine-like training rows, enough of each class for training
    to go through its language-model and held-back shares (it needs five of each after them)."""
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
    rows = []
    for i in range(per_class):
        note = f" The vote was the council's {i + 2}th of the year."
        rows.append({"text": (WIRE.replace("Tuesday", days[i % 6]) + note) * 2, "label": "human"})
        rows.append({"text": (PADDED.replace("Tuesday", days[i % 6]) + note) * 2,
                     "label": "machine"})
    return rows
