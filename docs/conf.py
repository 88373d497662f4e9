"""Sphinx configuration for the upwork_safety docs (furo + MyST)."""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

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
