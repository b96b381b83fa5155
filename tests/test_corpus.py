"""The human corpus's export artefacts, undone when it is read for training."""
import pytest

from reliability.corpus import repair_quote_mojibake


@pytest.mark.parametrize("mangled, repaired", [
    ('The Senate voted on DeVos"?highly contentious nomination.',
     "The Senate voted on DeVos' highly contentious nomination."),
    ('"It is hard to imagine a worse choice,"?Sen. Elizabeth Warren said.',
     '"It is hard to imagine a worse choice," Sen. Elizabeth Warren said.'),
    ('A ruling could determine "?at least temporarily "?the outcome.',
     "A ruling could determine \u2014 at least temporarily \u2014 the outcome."),
    ("Bus ?ireann staff voted in M?nchengladbach.", "Bus ireann staff voted in Mnchengladbach."),
    ("Why did it fail? Nobody knows? Really.", "Why did it fail? Nobody knows? Really."),
])
def test_mangled_quotes_and_letters_are_undone(mangled, repaired):
    assert repair_quote_mojibake(mangled) == repaired
