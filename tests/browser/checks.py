"""Assertions shared by the browser tests: each returns a list of problems, empty when right."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .harness import NAME_OR_ID_WORDS, AXTree, DomNode, PageReport

CONTROL_TAGS = {"button", "a"}


def cases(dom: DomNode) -> list[DomNode]:
    """The wrappers that say what the page expects of the icon inside them."""
    return dom.select(lambda node: "data-case" in node.attrs and not node.shadow)


def describe(case: DomNode) -> str:
    return f"{case.attrs['data-case']} {case.attrs.get('data-icon', '?')!r}"


def hidden(ax: AXTree, dom: DomNode) -> list[str]:
    """``dom`` and everything inside it are out of the accessibility tree."""
    return [
        f"<{node.tag}> is exposed as {found.role} {found.name!r}"
        for node in dom.walk()
        if (found := ax.exposed(node)) is not None
    ]


def named_image(ax: AXTree, svg: DomNode, name: str, description: str) -> list[str]:
    """An image whose name is exactly ``name``, announced once, described only if asked."""
    node = ax.exposed(svg)
    if node is None:
        return [f"<{svg.tag}> is not in the accessibility tree"]
    problems = []
    if node.role != "image":
        problems.append(f"role is {node.role!r}, not 'image'")
    if node.name != name:
        problems.append(f"name is {node.name!r}, not {name!r}")
    if node.description != description:
        problems.append(f"description is {node.description!r}, not {description!r}")
    if node.focusable:
        problems.append("it is focusable")
    for inner in ax.descendants(node):
        if not inner.ignored and (inner.name or inner.role in {"StaticText", "image"}):
            problems.append(f"it holds {inner.role} {inner.name!r} (announced twice)")
    return problems


def spoken_text(ax: AXTree, case: DomNode, expect: str) -> list[str]:
    """The text inside ``case`` that assistive technology reads is exactly ``expect``."""
    read = [ax.exposed(node) for node in case.walk() if node.tag == "#text"]
    words = " ".join(node.name for node in read if node is not None and node.role == "StaticText")
    words = " ".join(words.split())
    return [] if words == expect else [f"its text reads {words!r}, not {expect!r}"]


def check_cases(
    dom: DomNode, ax: AXTree, expected: Callable[[DomNode], str] | None = None
) -> list[str]:
    """Every ``data-case`` wrapper against the accessible tree Chromium computed; the name
    each expects is its ``data-expect``, or what ``expected`` says for it."""
    problems: list[str] = []
    for case in cases(dom):
        kind = case.attrs["data-case"]
        expect = case.attrs.get("data-expect", "") if expected is None else expected(case)
        found: list[str] = []
        if kind in {"informative", "labelled", "described"}:
            svg = case.first("svg")
            found = named_image(ax, svg, expect, case.attrs.get("data-expect-desc", ""))
        elif kind == "beside-text":
            found = hidden(ax, case.first("svg"))
        elif kind == "hidden-text":  # text=True: the name is visually hidden text
            found = hidden(ax, case.first("svg")) + spoken_text(ax, case, expect)
        elif kind in {"control", "icon-control"}:
            control = case.select(lambda node: node.tag in CONTROL_TAGS)[0]
            node = ax.exposed(control)
            if node is None:
                found = [f"<{control.tag}> is not in the accessibility tree"]
            elif " ".join(node.name.split()) != expect:
                found = [f"<{control.tag}> is named {node.name!r}, not {expect!r}"]
            elif node.description:
                found = [f"<{control.tag}> is described as {node.description!r}"]
            svg = control.first("svg")
            if kind == "control":
                found += hidden(ax, svg)
            else:
                found += named_image(ax, svg, expect, "")
        elif kind == "img":
            img = case.first("img")
            if img.attrs.get("alt") != expect:
                found.append(f"alt is {img.attrs.get('alt')!r}, not {expect!r}")
            node = ax.exposed(img)
            if node is None or node.role != "image" or node.name != expect:
                found.append(f"<img> is {node and (node.role, node.name)}, not image {expect!r}")
        elif kind == "img-decorative":
            img = case.first("img")
            if img.attrs.get("alt") != "":
                found.append(f"alt is {img.attrs.get('alt')!r}, not ''")
            found += hidden(ax, img)
        else:
            found.append(f"unknown case {kind!r}")
        problems += [f"{describe(case)}: {problem}" for problem in found]
    return problems


def axe_problems(result: dict[str, list[dict[str, object]]]) -> list[str]:
    """axe violations, and "needs review" items that are about names or ids."""
    problems = [
        f"violation {v['id']}: {v['help']} ({v['count']}x) {v['nodes']}"
        for v in result["violations"]
    ]
    for item in result["incomplete"]:
        rule = str(item["id"])
        if any(word in rule.split("-") or word in rule for word in NAME_OR_ID_WORDS):
            problems.append(
                f"needs review {rule}: {item['help']} ({item['count']}x) {item['nodes']}"
            )
    return problems


def words_in_svg(texts: Iterable[str], allowed: Iterable[str]) -> list[str]:
    """Text inside any <svg> (the sprite included) other than descriptions asked for."""
    allowed_set = {" ".join(text.split()) for text in allowed}
    problems = []
    for text in texts:
        words = " ".join(text.split())
        if words and words not in allowed_set:
            problems.append(f"an <svg> holds the text {words[:160]!r} ({len(words)} characters)")
    return problems


def leaks(report: PageReport, forbidden: Iterable[str], *, titles: Iterable[str] = ()) -> list[str]:
    """Catalogue words in ``innerText`` or ``textContent`` that the page did not ask for.

    Titles are matched as they are spelt (case and all) and without word boundaries, since
    leaked sprite text runs together ("ArrowForward…"); pages that look for titles write no
    capitalised title of their own.
    """
    problems = []
    for label, text in (("innerText", report.inner_text), ("textContent", report.text_content)):
        flat = " ".join(text.split())
        problems += [f"{label} holds {word!r}" for word in forbidden if word in flat]
        problems += [f"{label} holds the title {word!r}" for word in titles if word in flat]
    return problems


def show(problems: list[str], limit: int = 25) -> str:
    more = f"\n… and {len(problems) - limit} more" if len(problems) > limit else ""
    return "\n".join(problems[:limit]) + more
