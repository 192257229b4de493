"""add: cleaned artwork in, entries appended, comments and order kept, all or nothing."""

from __future__ import annotations

import os
import re
import shutil
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iconkit._paths import shown
from iconkit.add import NewIcon, add_icons, name_from_file, render_entries, title_from_name
from iconkit.catalog import load_catalog
from iconkit.cli import main
from iconkit.errors import AddError
from iconkit.linter import lint
from iconkit.normalise import clean_svg
from iconkit.sprite import build_sprite

from .conftest import FIXTURES, ROOT, TICK_SVG
from .test_safesvg import PAYLOAD, REFUSED_ON_READ
from .test_sanitize import REFUSED_ON_SANITIZE

HOSTILE = FIXTURES / "hostile"
EMPTIED_BY_FIX = {"style-attribute-url.svg", "style-attribute-escaped-url.svg"}
MESSY = sorted((FIXTURES / "messy").glob("*.svg"))
Snapshot = dict[str, bytes]


def snapshot(folder: Path) -> Snapshot:
    """Every file under ``folder`` (names and bytes): what must not change on failure."""
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else b"<dir>"
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped catalogue and artwork, to add to."""
    shutil.copy(ROOT / "catalog.yaml", tmp_path / "catalog.yaml")
    shutil.copytree(ROOT / "svg", tmp_path / "svg")
    return tmp_path / "catalog.yaml"


@pytest.fixture
def small(write_catalog: Callable[..., Path]) -> Path:
    return write_catalog("# one icon\ntick:\n  title: Done\n  description: A tick mark.\n")


def new(source: Path, name: str, **fields: object) -> NewIcon:
    words = {"title": name.replace("-", " ").capitalize(), "description": "A new mark."}
    words.update({k: v for k, v in fields.items() if k in ("title", "description")})
    rest = {k: v for k, v in fields.items() if k not in ("title", "description")}
    return NewIcon(source=source, name=name, **words, **rest)  # type: ignore[arg-type]


def test_add_writes_the_cleaned_artwork_and_appends_the_entry(shipped: Path) -> None:
    before = shipped.read_bytes()
    source = FIXTURES / "messy" / "inkscape-stroke-layer.svg"
    icon = new(source, "bell", title="Notifications", description="A bell.", tags=("alert",))
    add_icons(shipped, [icon])
    after = shipped.read_bytes()
    assert after.startswith(before)  # every comment, key and byte of the rest kept
    assert (
        after[len(before) :]
        == b"\nbell:\n  title: Notifications\n  description: A bell.\n  tags: [alert]\n"
    )
    written = (shipped.parent / "svg" / "bell.svg").read_bytes()
    assert written == clean_svg(source.read_bytes(), source, name="bell").svg
    catalog = load_catalog(shipped)
    assert [i.name for i in catalog][-1] == "bell"
    assert [i.name for i in catalog][:-1] == [i.name for i in load_catalog(ROOT / "catalog.yaml")]
    assert lint(shipped).findings == []


def test_several_files_take_names_and_titles_from_their_file_names(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "Video Camera.svg"
    second = tmp_path / "arrow_up.svg"
    for path in (first, second):
        path.write_text(TICK_SVG, encoding="utf-8")
    code = main(
        ["add", str(first), str(second), "--catalog", str(small),
         "--description", "A film camera.", "--description", "An arrow pointing up.",
         "--tag", "media"]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "added video-camera: Video camera (svg/video-camera.svg)" in out
    assert "added arrow-up: Arrow up (svg/arrow-up.svg)" in out
    icons = {i.name: i for i in load_catalog(small)}
    assert icons["video-camera"].description == "A film camera."
    assert icons["arrow-up"].tags == ("media",)


@pytest.mark.parametrize(
    ("file", "name", "title"),
    [("Video Camera@2x.svg", "video-camera-2x", "Video camera 2x"), ("HOME.svg", "home", "Home")],
)
def test_names_and_titles_derived_from_file_names(file: str, name: str, title: str) -> None:
    assert name_from_file(Path(file)) == name
    assert title_from_name(name) == title


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "a.svg", "b.svg", "--description", "One."],
        ["add", "a.svg", "b.svg", "--description", "A.", "--description", "B.", "--alias", "x"],
        ["add", "a.svg", "--description", "A.", "--name", "a", "--name", "b"],
    ],
    ids=["too-few-descriptions", "alias-with-two-files", "too-many-names"],
)
def test_usage_mistakes_exit_2(
    argv: list[str], small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(small.parent)
    assert main([*argv, "--catalog", str(small)]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert snapshot(small.parent) == before


def test_a_file_without_any_description_is_refused_saying_where_one_can_come_from(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (small.parent / "bell.svg").write_text(TICK_SVG, encoding="utf-8")
    before = snapshot(small.parent)
    assert main(["add", str(small.parent / "bell.svg"), "--catalog", str(small)]) == 1
    err = capsys.readouterr().err
    assert "bell.svg: no description" in err and "--description" in err and "<desc>" in err
    assert snapshot(small.parent) == before


def test_add_without_a_catalogue_of_ones_own_says_to_run_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["add", "x.svg", "--description", "A mark."]) == 1  # as a missing catalogue is
    assert "run `iconkit init`" in capsys.readouterr().err
    assert main(["list", "--catalog", "missing.yaml"]) == 1


def test_dry_run_writes_nothing_and_shows_the_entries(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(small.parent)
    source = FIXTURES / "messy" / "figma-clip-frame.svg"
    argv = ["add", str(source), "--catalog", str(small), "--description", "A clock.", "--dry-run"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "would add figma-clip-frame: Figma clip frame" in out
    assert "figma-clip-frame:\n  title: Figma clip frame\n  description: A clock.\n" in out
    assert snapshot(small.parent) == before


FAILURES: dict[str, tuple[Callable[[Path], list[NewIcon]], str]] = {
    "duplicate-name": (
        lambda d: [new(d / "ok.svg", "tick")],
        "'tick' is already used by icon 'tick'",
    ),
    "duplicate-alias": (
        lambda d: [new(d / "ok.svg", "check", aliases=("tick",))],
        "'tick' is already used by icon 'tick'",
    ),
    "duplicate-within": (
        lambda d: [new(d / "ok.svg", "same"), new(d / "ok.svg", "same")],
        "'same' is already used by icon 'same'",
    ),
    "bad-name": (lambda d: [new(d / "ok.svg", "Bad_Name")], "bad name 'Bad_Name'"),
    "title-says-icon": (lambda d: [new(d / "ok.svg", "x", title="X icon")], "says icon"),
    "title-taken": (lambda d: [new(d / "ok.svg", "x", title="Done")], "already icon 'tick''s"),
    "missing-file": (lambda d: [new(d / "nope.svg", "x")], "nope.svg: cannot read"),
    "second-file-hostile": (
        lambda d: [new(d / "ok.svg", "fine"), new(HOSTILE / "script.svg", "evil")],
        "script.svg:2: <script> is refused",
    ),
    "colours-on-monochrome": (lambda d: [new(d / "colours.svg", "x")], "hard-coded colours"),
    "exists-already": (lambda d: [new(d / "ok.svg", "stray")], "svg/stray.svg already exists"),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_a_failing_add_changes_no_byte_and_names_the_file(small: Path, case: str) -> None:
    folder = small.parent
    (folder / "ok.svg").write_text(TICK_SVG, encoding="utf-8")
    (folder / "colours.svg").write_text(
        TICK_SVG.replace('stroke="currentColor"', 'stroke="red"').replace(
            "<path", '<path fill="blue"'
        ),
        encoding="utf-8",
    )
    (folder / "svg" / "stray.svg").write_text(TICK_SVG, encoding="utf-8")
    build, message = FAILURES[case]
    before = snapshot(folder)
    with pytest.raises(AddError) as caught:
        add_icons(small, build(folder))
    assert message in str(caught.value)
    assert snapshot(folder) == before


def test_a_write_error_part_way_rolls_back_every_file(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = small.parent
    (folder / "ok.svg").write_text(TICK_SVG, encoding="utf-8")
    before = snapshot(folder)
    real = os.replace
    calls = []

    def flaky(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(source, target)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(AddError, match="cannot write: No space left on device"):
        add_icons(
            small, [new(folder / "ok.svg", "one"), new(folder / "ok.svg", "two", title="Two")]
        )
    assert snapshot(folder) == before


@pytest.mark.parametrize("name", sorted(REFUSED_ON_READ))
def test_files_refused_on_read_are_refused_by_add(name: str, small: Path) -> None:
    before = snapshot(small.parent)
    with pytest.raises(AddError) as caught:
        add_icons(small, [new(HOSTILE / name, "evil")])
    assert shown(HOSTILE / name) in str(caught.value)
    assert REFUSED_ON_READ[name] in str(caught.value)
    assert snapshot(small.parent) == before


@pytest.mark.parametrize("name", sorted(REFUSED_ON_SANITIZE))
def test_hostile_payloads_never_reach_the_catalogue_or_the_sprite(name: str, small: Path) -> None:
    before = snapshot(small.parent)
    with pytest.raises(AddError, match=re.escape(REFUSED_ON_SANITIZE[name])):
        add_icons(small, [new(HOSTILE / name, "evil")])
    assert snapshot(small.parent) == before
    if name in EMPTIED_BY_FIX:  # the payload carried the only paint: nothing would show
        with pytest.raises(AddError, match="nothing to draw"):
            add_icons(small, [new(HOSTILE / name, "evil")], fix=True)
        assert snapshot(small.parent) == before
        return
    added = add_icons(small, [new(HOSTILE / name, "evil")], fix=True)
    assert any("(removed)" in finding for finding in added.findings)
    for data in snapshot(small.parent).values():
        assert PAYLOAD not in data
    sprite = build_sprite(load_catalog(small))
    assert PAYLOAD not in sprite and b'id="evil"' in sprite


@pytest.mark.parametrize("path", MESSY, ids=lambda p: p.stem)
def test_every_messy_export_is_added_clean(path: Path, small: Path) -> None:
    add_icons(small, [new(path, path.stem)])
    findings = lint(small).findings  # the small catalogue's own tick is on one line: skip it
    assert [str(f) for f in findings if not f.path.endswith("tick.svg")] == []


def test_render_entries_matches_the_shipped_style() -> None:
    icon = NewIcon(Path("x.svg"), "x", "Yes: no", "A mark.", ("y",), ("a", "b"), True)
    assert render_entries([icon]) == (
        "x:\n  title: 'Yes: no'\n  description: A mark.\n  aliases: [y]\n  tags: [a, b]\n"
        "  fixed_colours: true\n"
    )


# --- properties -----------------------------------------------------------------------------

_NOUNS = ["bell", "cup", "drum", "fork", "gate", "kite", "lamp", "moon", "nest", "pen", "sun"]
_COMMENT = st.text(string.ascii_letters + string.digits + " ,.-'", max_size=30)


@st.composite
def catalogues(draw: st.DrawFn) -> tuple[str, list[str]]:
    names = draw(st.lists(st.sampled_from(_NOUNS), min_size=0, max_size=6, unique=True))
    parts = [f"# {draw(_COMMENT)}\n"] if draw(st.booleans()) else []
    for name in names:
        tags = draw(st.lists(st.sampled_from(_NOUNS), max_size=3, unique=True))
        entry = f"{name}:  # {draw(_COMMENT)}\n" if draw(st.booleans()) else f"{name}:\n"
        entry += f"  title: {name.capitalize()}\n"
        entry += f'  description: "A {name}, drawn simply."\n'
        if tags:
            entry += (
                f"  tags: [{', '.join(tags)}]\n"
                if draw(st.booleans())
                else "  tags:\n" + "".join(f"    - {t}\n" for t in tags)
            )
        parts.append(entry + ("\n" if draw(st.booleans()) else ""))
    if draw(st.booleans()):
        parts.append(f"# {draw(_COMMENT)}")
    return "".join(parts), names


def _project(text: str, names: list[str], folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "svg").mkdir(parents=True)
    for name in names:
        (folder / "svg" / f"{name}.svg").write_text(TICK_SVG, encoding="utf-8")
    (folder / "art.svg").write_text(TICK_SVG, encoding="utf-8")
    path = folder / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(catalogues(), st.sampled_from(["wolf", "yacht", "zip-line"]), _COMMENT)
def test_add_then_reload_keeps_every_entry_comment_and_order(
    tmp_path: Path, catalogue: tuple[str, list[str]], name: str, words: str
) -> None:
    text, names = catalogue
    path = _project(text, names, tmp_path / "p")
    before = load_catalog(path)
    # Free text here would trip the words rules ("A A."), which are not what this tests.
    description = f"A {name.replace('-', ' ')} drawn with {len(words)} lines."
    add_icons(path, [NewIcon(tmp_path / "p" / "art.svg", name, "Newcomer", description)])
    after_text = path.read_text(encoding="utf-8")
    assert after_text.startswith(text)
    after = load_catalog(path)
    assert [(i.name, i.title, i.description, i.tags) for i in after][:-1] == [
        (i.name, i.title, i.description, i.tags) for i in before
    ]
    assert [i.name for i in after][-1] == name and after.resolve(name).description == " ".join(
        description.split()
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(catalogues(), st.sampled_from(["clash", "hostile", "bad-words", "bad-name"]))
def test_a_failing_add_changes_no_byte(
    tmp_path: Path, catalogue: tuple[str, list[str]], failure: str
) -> None:
    text, names = catalogue
    path = _project(text, names, tmp_path / "p")
    art = tmp_path / "p" / "art.svg"
    icons = [NewIcon(art, "fine", "Fine", "A fine mark.")]
    if failure == "clash":
        icons.append(NewIcon(art, names[0] if names else "fine", "Other", "A mark."))
    elif failure == "hostile":
        icons.append(NewIcon(HOSTILE / "onload-root.svg", "evil", "Evil", "A mark."))
    elif failure == "bad-words":
        icons.append(NewIcon(art, "worded", "Worded image", "A the mark."))
    else:
        icons.append(NewIcon(art, "Not OK", "Named", "A mark."))
    before = snapshot(tmp_path / "p")
    with pytest.raises(AddError):
        add_icons(path, icons)
    assert snapshot(tmp_path / "p") == before


def test_the_designers_page_examples_run_and_name_every_option(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (ROOT / "docs" / "designers.md").read_text(encoding="utf-8")
    monkeypatch.chdir(small.parent)
    (small.parent / "bell.svg").write_text(TICK_SVG, encoding="utf-8")
    for block in re.findall(r"```python\n(.*?)```", page, re.DOTALL):
        exec(compile(block.replace("# add_icons", "add_icons"), "docs/designers.md", "exec"), {})
    for option in ("--name", "--title", "--description", "--alias", "--tag", "--fixed-colours",
                   "--fix", "--catalog", "--dry-run", "--format", "--descriptions",
                   "--skip-refused", "--all", "--prefix"):  # fmt: skip
        assert option in page


def test_a_catalogue_changed_meanwhile_is_not_overwritten(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import iconkit.add

    real = iconkit.add.validate

    def edit_meanwhile(*args: object, **kwargs: object) -> None:
        real(*args, **kwargs)  # type: ignore[arg-type]
        with small.open("a", encoding="utf-8") as stream:
            stream.write("# someone else's edit\n")

    monkeypatch.setattr(iconkit.add, "validate", edit_meanwhile)
    (small.parent / "ok.svg").write_text(TICK_SVG, encoding="utf-8")
    with pytest.raises(AddError, match="changed while adding"):
        add_icons(small, [new(small.parent / "ok.svg", "one")])
    assert small.read_text(encoding="utf-8").endswith("# someone else's edit\n")
    assert not (small.parent / "svg" / "one.svg").exists()
    assert sorted(p.name for p in small.parent.rglob(".*")) == []


def test_add_to_a_catalogue_reached_through_a_link(small: Path, tmp_path_factory) -> None:
    link = tmp_path_factory.mktemp("elsewhere") / "link"
    link.symlink_to(small.parent)
    (small.parent / "ok.svg").write_text(TICK_SVG, encoding="utf-8")
    add_icons(link / "catalog.yaml", [new(small.parent / "ok.svg", "one")])
    assert [icon.name for icon in load_catalog(small)] == ["tick", "one"]


def two_problems(folder: Path) -> Path:
    """A file with two forbidden things: both must be listed, not only the first."""
    path = folder / "two.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><script>x()</script>'
        '<path d="M4 12h16" stroke="currentColor" onclick="y()"/></svg>',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def bulk(small: Path) -> list[str]:
    """Four files: two fine, one with two forbidden things, one with a title add refuses."""
    folder = small.parent
    for name in ("bell", "cloud", "pause-icon"):
        (folder / f"{name}.svg").write_text(TICK_SVG, encoding="utf-8")
    files = [folder / "bell.svg", two_problems(folder), folder / "cloud.svg"]
    return [str(path) for path in files] + [str(folder / "pause-icon.svg"), "--title", "Bell",
            "--title", "Two", "--title", "Cloud", "--title", "Pause icon"]  # fmt: skip


def test_dry_run_lists_every_problem_of_every_file_in_one_run(
    small: Path, bulk: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(small.parent)
    descriptions = ["--description", "A ringing bell.", "--description", "Two things.",
                    "--description", "A rain cloud.", "--description", "Two bars."]  # fmt: skip
    argv = ["add", *bulk, *descriptions, "--catalog", str(small), "--dry-run"]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert "two.svg:1: <script> is refused" in err
    assert "two.svg:1: event handler onclick on <path> is refused" in err
    assert "pause-icon.svg: title 'Pause icon' says icon" in err
    assert "2 of 4 refused: `iconkit add` would add nothing (--skip-refused adds the other 2)" in (
        err
    )
    assert "would add bell: Bell" in out and "would add cloud: Cloud" in out
    assert snapshot(small.parent) == before
    assert main(argv[:-1]) == 1  # the real run: all or nothing
    assert snapshot(small.parent) == before


def test_skip_refused_adds_the_rest_and_says_what_it_skipped(
    small: Path, bulk: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    descriptions = ["--description", "A ringing bell.", "--description", "Two things.",
                    "--description", "A rain cloud.", "--description", "Two bars."]  # fmt: skip
    argv = ["add", *bulk, *descriptions, "--catalog", str(small), "--skip-refused"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "skipped: " in err and "<script> is refused" in err and "says icon" in err
    assert "added 2, skipped 2" in err
    assert [i.name for i in load_catalog(small)] == ["tick", "bell", "cloud"]
    assert sorted(p.name for p in (small.parent / "svg").iterdir()) == [
        "bell.svg",
        "cloud.svg",
        "tick.svg",
    ]


def test_skip_refused_with_everything_refused_adds_nothing(small: Path) -> None:
    before = snapshot(small.parent)
    icon = new(two_problems(small.parent), "two")
    after = snapshot(small.parent)
    with pytest.raises(AddError, match="nothing to add: every icon was refused"):
        add_icons(small, [icon], skip_refused=True)
    assert snapshot(small.parent) == after and set(after) - set(before) == {"two.svg"}


def test_descriptions_come_from_a_file_of_name_description_lines(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("bell", "cloud"):
        (small.parent / f"{name}.svg").write_text(TICK_SVG, encoding="utf-8")
    described = tmp_path / "words.yaml"
    described.write_text("# by a person\nbell: A bell with a clapper.\ncloud: A rain cloud\n")
    files = [str(small.parent / "bell.svg"), str(small.parent / "cloud.svg")]
    assert main(["add", *files, "--descriptions", str(described), "--catalog", str(small)]) == 0
    icons = {i.name: i.description for i in load_catalog(small)}
    assert icons["bell"] == "A bell with a clapper."
    assert "does not end with a full stop" in capsys.readouterr().err  # a warning, not a refusal


def test_the_artwork_proposes_its_title_and_description(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = FIXTURES / "exports" / "illustrator-title-desc.svg"
    assert main(["add", str(source), "--catalog", str(small)]) == 0
    out = capsys.readouterr().out
    assert "added illustrator-title-desc: Send message (" in out
    assert "title from the artwork's <title>; description from the artwork's <desc>" in out
    (icon,) = [i for i in load_catalog(small) if i.name == "illustrator-title-desc"]
    assert (icon.title, icon.description) == (
        "Send message",
        "A paper plane flying up and to the right.",
    )
    given = NewIcon.from_file(source, "A plane.", title="Send")  # given words always win
    assert (given.title, given.description, given.notes) == ("Send", "A plane.", ())


def test_a_licence_comment_is_kept_with_the_icon(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = FIXTURES / "exports" / "web-licence-comment.svg"
    icon = NewIcon.from_file(source, "A map pin.")
    assert (icon.credit.license, icon.credit.source) == ("ISC", "example-icons v2.4.0")
    assert main(["add", str(source), "--catalog", str(small), "--description", "A pin."]) == 0
    assert "(svg/web-licence-comment.svg; ISC, example-icons v2.4.0)" in capsys.readouterr().out
    (added,) = [i for i in load_catalog(small) if i.name == "web-licence-comment"]
    assert added.credit == {"source": "example-icons v2.4.0", "license": "ISC"}
    assert small.read_text(encoding="utf-8").endswith(
        "  description: A pin.\n  source: example-icons v2.4.0\n  license: ISC\n"
    )
    assert main(["show", "web-licence-comment", "--catalog", str(small)]) == 0
    shown = capsys.readouterr().out
    assert "  source:      example-icons v2.4.0\n  license:     ISC\n" in shown
