"""Golden cases of the indicator register: tests/fixtures/register-cases/<defect>/.

The same convention as the page corpus (test_rules_golden.py): one folder per defect,
named after it, the input beside an `expected.yml`. The input is the register file as
staff hand it over: `register.csv`, `register.xlsx`, `register.xls` (or a folder named
so), or `register.yml` for a workbook made with openpyxl at test time
({sheets: {name: [header, row, …]}, merges: {name: [A2:A3, …]}}), so no binary workbook
is kept. `expected.yml`:

    # one line saying what the case shows
    exit: 1              # scripts/import_register.py's exit status (0, 1 or 2)
    says: [ … ]          # lines, or parts of lines, it prints
    accepted: true       # read as meant: `normalised:` says how, `values:` what the
    values: {N002: {due: 2021-06-30}}   # pages hold after the real import

Each register is imported into a copy of tests/fixtures/base-site twice: with --dry-run
(the output checked), then for real (a register with errors writes nothing; an accepted
one writes the values).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

import import_register
from conftest import FIXTURES, load, make_site, tree_hash
from registers import workbook

CASES = sorted(p for p in (FIXTURES / "register-cases").iterdir() if p.is_dir())


def expected_of(case: Path) -> dict:
    return yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8"))


def register_file(case: Path, tmp_path: Path) -> Path:
    spec = case / "register.yml"
    if spec.exists():
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        sheets = {name: (rows[0], rows[1:]) for name, rows in data["sheets"].items()}
        return workbook(tmp_path / "register.xlsx", sheets, data.get("merges"), title=None)
    source = next(p for p in case.iterdir() if p.name.startswith("register."))
    target = tmp_path / source.name
    if source.is_dir():
        target.mkdir()
    else:
        target.write_bytes(source.read_bytes())
    return target


def run(argv: list[str], capsys) -> tuple[int, str]:
    capsys.readouterr()
    try:
        code = import_register.main(argv)
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_import_answers_each_register_as_expected(case, tmp_path, capsys):
    expected = expected_of(case)
    site = make_site(tmp_path / "site", "base-site")
    file = register_file(case, tmp_path)
    code, said = run([str(file), "--site", str(site), "--dry-run"], capsys)
    assert code == expected["exit"], said
    assert "Traceback" not in said
    for line in expected.get("says") or []:
        assert line in said, said
    before = tree_hash(site)
    code, said = run([str(file), "--site", str(site)], capsys)
    assert code == expected["exit"], said
    if expected["exit"]:
        assert tree_hash(site) == before, "a register that cannot be read writes nothing"
        assert not expected.get("accepted")
        return
    indicators = load(site).indicators
    for indicator_id, values in (expected.get("values") or {}).items():
        for attribute, value in values.items():
            read = getattr(indicators[indicator_id], attribute)
            assert (read.isoformat() if isinstance(read, dt.date) else read) == value, (indicator_id, attribute)


def test_every_case_is_described():
    for case in CASES:
        text = (case / "expected.yml").read_text(encoding="utf-8")
        assert text.startswith("# "), case.name
        expected = expected_of(case)
        assert set(expected) <= {"exit", "says", "accepted", "normalised", "values"}, case.name
        assert case.name.endswith("-accepted") == bool(expected.get("accepted")), case.name
        assert bool(expected.get("accepted")) == (expected["exit"] == 0), case.name
        if expected.get("accepted"):
            assert str(expected.get("normalised") or "").strip() and expected.get("values"), case.name
