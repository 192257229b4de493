"""The build's gallery.html in Chromium: every icon shown, each exposed once or not at all."""

from __future__ import annotations

from .checks import show
from .conftest import Reports
from .harness import DomNode, Probe
from .pages import Pages


def shows(svg: DomNode, name: str) -> bool:
    """Whether ``svg`` draws the icon ``name`` (by its class or the symbol it uses)."""
    if f"icon-{name}" in svg.classes:
        return True
    uses = svg.select(lambda node: node.tag == "use")
    return any(
        (use.attrs.get("href") or use.attrs.get("xlink:href") or "").split("#")[-1]
        in {name, f"iconkit-{name}"}
        for use in uses
    )


def test_gallery_shows_every_icon(reports: Reports, pages: Pages) -> None:
    report = reports[pages.gallery]
    svgs = report.dom.select(lambda node: node.tag == "svg" and not node.shadow)
    missing = [icon.name for icon in pages.icons if not any(shows(svg, icon.name) for svg in svgs)]
    assert missing == []


def test_gallery_icons_are_named_images_or_hidden(reports: Reports, pages: Pages) -> None:
    report = reports[pages.gallery]
    problems = []
    for svg in report.dom.select(lambda node: node.tag == "svg" and not node.shadow):
        node = report.ax.exposed(svg)
        if node is None:
            continue
        where = svg.attrs.get("class", "<svg>")
        if node.role != "image" or not node.name.strip():
            problems.append(f"{where}: exposed as {node.role} {node.name!r}")
        elif "icon" in node.name.lower():
            problems.append(f"{where}: named {node.name!r}; a screen reader already says image")
        problems += [
            f"{where}: holds {inner.role} {inner.name!r} (announced twice)"
            for inner in report.ax.descendants(node)
            if not inner.ignored and inner.name
        ]
    assert not problems, show(problems)


def test_gallery_search_filters_as_you_type(probe: Probe, pages: Pages) -> None:
    probe.open(pages.gallery)
    page = probe.page
    items = page.locator(".gallery-item")
    total = items.count()
    assert total == len(pages.icons)
    search = page.get_by_role("searchbox", name="Search icons")

    def visible() -> list[str]:
        names: list[str] = page.eval_on_selector_all(
            ".gallery-item:not([hidden])", "items => items.map(i => i.dataset.search)"
        )
        return names

    search.press_sequentially("envelope")  # an alias: typed key by key, as a person would
    shown = visible()
    assert len(shown) == 1 and "email" in shown[0]
    assert page.locator("#gallery-count").inner_text() == f"1 of {total} icons match"
    search.fill("")
    search.dispatch_event("input")
    assert len(visible()) == total
    assert page.locator("#gallery-count").inner_text() == f"{total} icons"
    search.fill("zebra crossing")
    search.dispatch_event("input")
    assert visible() == []
    assert page.locator(".gallery-item").first.is_hidden()
