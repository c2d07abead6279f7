"""The annual report's paragraphs: a zero changes the sentence, it is not a figure."""

from collections import defaultdict

from reports.narrative import kazakh, russian


def figures(**values):
    found = defaultdict(int)
    found.update({key.replace("__", "."): value for key, value in values.items()})
    return found


def test_no_graduate_housed_is_said_in_words():
    v = figures(housing__provided_year=7, housing__provided_year_graduates=0)
    text = " ".join(russian(v, 2025))
    assert "из них 0" not in text
    assert "7 человек из числа детей-сирот" in text
    assert "выпускников детских домов среди них нет" in text
    assert "олардың арасында балалар үйінің түлектері жоқ" in " ".join(kazakh(v, 2025))


def test_nobody_housed_is_said_in_words():
    v = figures(housing__provided_year=0)
    assert "жильём не был обеспечен никто" in " ".join(russian(v, 2025))
    assert "ешқайсысы тұрғын үймен қамтамасыз етілмеді" in " ".join(kazakh(v, 2025))


def test_graduates_housed_are_counted():
    v = figures(housing__provided_year=5, housing__provided_year_graduates=2)
    assert "из них 2 — выпускника детских домов" in " ".join(russian(v, 2025))
    assert "балалар үйінің түлектері – 2" in " ".join(kazakh(v, 2025))
