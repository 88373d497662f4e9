"""Sphinx configuration for the upwork_safety docs (furo + MyST)."""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

project = "upwork_safety"
author = "upwork_safety developers"
copyright = "2026, upwork_safety developers"
try:
    release = _version("upwork-safety")
except PackageNotFoundError:  # pragma: no cover  (docs built without installing)
    release = "0.0.0"
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

html_theme = "furo"
html_title = "upwork_safety"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# "Attributes:" sections become :ivar: fields, so attrs fields are not described twice.
napoleon_use_ivar = True

# The build runs offline (no intersphinx), so references to the standard
# library and other packages cannot resolve; nitpicky mode still checks every
# reference into upwork_safety itself.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"^(?!upwork_safety\.).*$"),
    # Private modules and type variables are not documented on purpose.
    (r"py:.*", r"^upwork_safety\.(.*\.)?_.*$"),
    (r"py:.*", r"^upwork_safety\..*\.T$"),
]


def _no_borrowed_docstring(  # noqa: PLR0917  (the signature autodoc calls)
    app: object,  # noqa: ARG001
    what: str,
    name: str,
    obj: object,
    options: object,  # noqa: ARG001
    lines: list[str],
) -> None:
    """Warn (an error under ``-W``) when a documented constant shows its type's docstring.

    ``autodata`` reads a constant's ``#:`` comment from the module it is
    documented in; when there is none it falls back to the value's type, so
    ``jss.MAX_TRIALS`` was documented as "int([x]) -> integer" (red team r20).
    A constant re-exported from a private module carries its comment where
    it is re-bound, as ``checks.MAX_TEXT_CHARS`` does.
    """
    from sphinx.util import logging

    if what in {"data", "attribute", "property"}:
        _undo_inline_type(name, lines)
    if type(obj).__module__.partition(".")[0] == "upwork_safety":
        return  # the library's own type: its docstring is written for this value
    borrowed = (type(obj).__doc__ or "").strip().splitlines()
    if what in {"data", "attribute"} and borrowed and lines and lines[0].strip() == borrowed[0]:
        logging.getLogger(__name__).warning(
            "%s has no documentation comment: autodoc shows the docstring of %s",
            name,
            type(obj).__name__,
        )


#: The first line of each attribute, data and property docstring, as written
#: (before napoleon reads it), by the documented name.
_FIRST_LINES: dict[str, str] = {}


def _keep_first_line(  # noqa: PLR0917  (the signature autodoc calls)
    app: object,  # noqa: ARG001
    what: str,
    name: str,
    obj: object,  # noqa: ARG001
    options: object,  # noqa: ARG001
    lines: list[str],
) -> None:
    """Remember a first line before napoleon reads it (runs before napoleon)."""
    if what in {"data", "attribute", "property"} and lines:
        _FIRST_LINES[name] = lines[0]


def _undo_inline_type(name: str, lines: list[str]) -> None:
    """Put back the words napoleon moved from a first line into a ``:type:``.

    napoleon reads the first line of an attribute's comment or a property's
    docstring, "words: more words", as "type: description", so "The most
    trials :func:`forecast` runs: a hundred times ..." showed "The most
    trials forecast runs" as the constant's Type, and "Sunday 23:59:59"
    split a property's first line at "23" (review r20 L2).  The library
    gives types by annotation, never that way: the line is put back as
    written.
    """
    typed = [i for i, line in enumerate(lines) if line.startswith(":type: ")]
    if not typed or not lines or name not in _FIRST_LINES:
        return
    del lines[typed[0]]
    while lines and not lines[-1].strip():
        lines.pop()
    lines[0] = _FIRST_LINES[name]


def setup(app: "Sphinx") -> None:
    """Connect the checks above to the build."""
    app.connect("autodoc-process-docstring", _keep_first_line, priority=100)
    app.connect("autodoc-process-docstring", _no_borrowed_docstring, priority=900)
