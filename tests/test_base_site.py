"""The base fixture every rule case is layered on is itself clean."""

from conftest import build, load


def test_base_site_has_no_findings(base_site):
    site = load(base_site)
    assert [f.format() for f in site.findings] == []
    assert list(site.indicators) == ["N001", "N002", "P001"]


def test_base_site_builds_strict(base_site, tmp_path):
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    assert result.warnings == []
    html = result.page("indicators/N001/index.html")
    assert "关于公布市级权责清单的通知" in html
    assert (tmp_path / "out" / "evidence" / "N001" / "权责清单通知.pdf").is_file()
