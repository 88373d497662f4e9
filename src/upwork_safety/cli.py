"""The ``upwork-safety`` command: the one module that prints, reads files and reads the clock.

Every command prints aligned text that fits 100 columns by default and
machine-readable JSON with ``--json`` (before or after the command).  A
command's output appears only when it succeeds: bad input (a missing or
malformed file, a bad number or date) prints nothing on stdout, exits with
status 2 and explains the problem on stderr; there is never a traceback.

The commands themselves (:mod:`upwork_safety._cli`) never print, open a file
or read the clock: this module does that for them.  Run
``upwork-safety --help`` or see the CLI reference in the docs.
"""

from __future__ import annotations

import argparse
import codecs
import difflib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TextIO

from upwork_safety._cli import COMMANDS
from upwork_safety._cli._args import GIVEN, Once, given, given_twice, locale
from upwork_safety._cli._context import CLIError, Context, contracts_from_json, problems_error
from upwork_safety._cli._printer import hidden, shown
from upwork_safety.checks import MAX_TEXT_CHARS
from upwork_safety.errors import InvalidDataError, UpworkSafetyError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from upwork_safety.models import Contract
    from upwork_safety.statements import Statement

__all__ = ["build_parser", "main"]

PROG = "upwork-safety"
UTC = timezone.utc
#: The largest message file ``scan`` reads: the most characters the checks read
#: (:data:`upwork_safety.checks.MAX_TEXT_CHARS`) at UTF-8's four bytes a character at
#: most, and a byte order mark; a longer text is refused by the checks, by its length.
MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS + len(codecs.BOM_UTF8)
#: The largest JSON file of contracts a command reads.  A decade of contracts
#: is a few MB (2,000 contracts of several milestones each are 2 MB), and
#: reading JSON builds objects of up to 46 times the text's size (22 for a
#: file of empty objects, "[{},{},…]", 46 for arrays nested in arrays; see
#: serialize.from_json): at this size a hostile file costs the command about
#: 570 MB at its peak and 9 s before it is refused (measured, review r41
#: hostile 5; docs/cli.md, Input files).
MAX_JSON_BYTES = 10_000_000
#: How many bytes at a time a file is read again to find where it stops being UTF-8.
_CHUNK = 1 << 16


#: What looks like a negative number to the command line's parsers: a "-" and a
#: digit, or "-." and a digit.
_NEGATIVE_NUMBER = re.compile(r"-\.?\d")
#: How a parser starts its refusal of arguments no option or positional takes (argparse's words).
_UNRECOGNIZED = "unrecognized arguments: "


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, exit status 2.

    Its options take one value each, given once (:class:`~._cli._args.Once`
    is its ``"store"``: red team r23 M1), and its commands report what they
    do not take under their own name (:class:`_Commands`).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The one rule for every parser of the command line, its commands' included.
        self.register("action", None, Once)
        self.register("action", "store", Once)
        self.register("action", "parsers", _Commands)
        # A value that starts with "-" and a digit (``--spread -1%``, ``-1e-2``) is a
        # value, never an option (no option here starts with a digit): argparse took only
        # plain negative numbers so, and refused the rest with "expected one argument",
        # which hid the rule the value breaks (newcomer r27 1).  Newer argparse versions
        # use this pattern themselves; this makes every supported Python read it so.
        self._negative_number_matcher = _NEGATIVE_NUMBER

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        # argparse's own parse_args, with the arguments nothing takes refused here, from
        # the list parse_known_args gives: read back from argparse's message text, one
        # argument holding a space was split into several (review r33, review 5).
        # A fresh namespace when none is given, as argparse makes one itself.
        parsed, extras = self.parse_known_args(args, namespace or argparse.Namespace())
        if extras:
            # An unknown option is named with the closest one this parser takes: `fees
            # --rate 15%` was refused as "unrecognized arguments" alone, while fees spells
            # the fee rate --fee-rate (newcomer r31 7).
            read = sys.argv[1:] if args is None else list(args)
            self.error(f"{_UNRECOGNIZED}{' '.join(extras)}{self._closest(extras, read)}")
        return parsed

    def error(self, message: str) -> NoReturn:
        # Some arguments are quoted raw (unrecognized arguments): escaped here.
        self.exit(2, f"{self.prog}: error: {shown(message)}\n")

    def _closest(self, extras: list[str], read: list[str]) -> str:
        """`` (did you mean --fee-rate?)`` for the first unknown option with a close one.

        *extras* are the arguments as given, one item each: only one that
        starts with ``--`` is an option (``"note --fee-rat=15%"`` is not).
        *read* are all the arguments the parser read.  An option this
        parser takes is "unknown" only where it was read as an argument:
        after ``--`` (how an amount starting with ``-`` is given), which
        makes everything after it an argument; that is said, not "did you
        mean" the very same option (red team r41, hostile 7).
        """
        known = [o for action in self._actions for o in action.option_strings if o[:2] == "--"]
        # A positional argument given as an option (`fees --amount 5`): say how to
        # write it, not the closest option (review r33 diff review 2, 4).
        positional = {
            action.dest: action.metavar or action.dest
            for action in self._actions
            if not action.option_strings and action.dest is not argparse.SUPPRESS
        }
        for extra in extras:
            name = extra.split("=", 1)[0]
            if name[:2] != "--" or name == "--":  # "--" itself ends the options
                continue
            after = "--" in read and extra in read[read.index("--") + 1 :]
            where = "'--'" if after else "the arguments"
            if name in known:
                return (
                    f" ({name} is an option, but it came after {where}, which makes it an "
                    f"argument: give options before {where})"
                )
            written = positional.get(name[2:].replace("-", "_"))
            if written is not None:
                return f" ({written} is given without a flag: write {self.prog} <{written}>)"
            close = difflib.get_close_matches(name, known, n=1)
            if close:  # and after "--", even the right spelling would be an argument there
                before = " Options go before '--'." if after else ""
                return f" (did you mean {close[0]}?{before})"
        return ""


if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]  # noqa: SLF001
else:
    _SubParsers = argparse._SubParsersAction  # noqa: SLF001  (argparse's base for commands)


class _Commands(_SubParsers):
    """The command and its arguments, read by the command's own parser.

    argparse's own lets the command's parser leave what it does not take to
    the top parser, which refused it as ``upwork-safety: error:``; the
    command's parser refuses it here, naming the command (red team r23 L1).
    An option of both (``--locale``) given before the command and after it
    is given twice, and refused as any other (red team r23 M1).
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,  # noqa: ARG002
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,  # noqa: ARG002
    ) -> None:
        assert isinstance(values, list)  # nargs=PARSER: the command and what follows it
        name, strings = values[0], values[1:]
        if self.dest is not argparse.SUPPRESS:
            setattr(namespace, self.dest, name)
        command = self.choices[name]  # argparse has checked the name is a command
        parsed = command.parse_args(strings)
        before, after = given(namespace), given(parsed)
        for dest, action in after.items():
            if dest in before:
                command.error(str(given_twice(action)))
        before.update(after)
        for key, value in vars(parsed).items():
            if key != GIVEN:  # argparse's way: the command's values join the top parser's
                setattr(namespace, key, value)


# --------------------------------------------------------------------------- the clock


def _clock() -> datetime:
    """The wall clock, in UTC: the library's one read of it."""
    return datetime.now(UTC)  # pragma: no cover  (tests never read the wall clock)


def _today() -> date:
    return _clock().date()


def _now() -> datetime:
    return _clock().replace(microsecond=0)


# --------------------------------------------------------------------------- files


def _open_input(path: str) -> io.BufferedReader:
    """Open the file *path* to read, at once even if it is a named pipe with no writer.

    Opening a named pipe (FIFO) waits until something opens it to write, so
    a command given one that nothing writes to would wait for ever, saying
    nothing (red team r31).  Where the system has non-blocking opens
    (POSIX), the file is opened without waiting, then made blocking again,
    so reading waits for data as usual while a writer is there (a pipe from
    ``<(...)``); with no writer it reads as empty, and :func:`_nothing_from`
    says why.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    if not nonblocking:  # pragma: no cover  (Windows: no named pipes in the file system)
        return Path(path).open("rb")
    fd = os.open(path, os.O_RDONLY | nonblocking)
    try:
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:  # pragma: no cover  (set_blocking on a descriptor just opened)
        os.close(fd)
        raise


def _nothing_from(path: str, handle: io.BufferedReader) -> None:
    """Refuse *handle*, which read nothing, if it is a pipe: nothing was written to it.

    An empty pipe cannot say whether its writer wrote nothing or was never
    started (a named pipe opened without waiting reads as empty then), so
    the message gives both.
    """
    if stat.S_ISFIFO(os.fstat(handle.fileno()).st_mode):
        raise CLIError(
            f"{path}: a pipe with nothing written to it (its writer wrote nothing, or was "
            "not running when the command started): start the writer first, or save the "
            "data to a file"
        )


def _read_text(path: str, limit: int = MAX_FILE_BYTES) -> str:
    try:
        with _open_input(path) as handle:
            data = handle.read(limit + 1)
            if not data:
                _nothing_from(path, handle)
    except FileNotFoundError:
        raise CLIError(f"{path}: no such file") from None
    except OSError as exc:
        raise CLIError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return _decoded(path, data, limit)


def _read_message(path: str) -> str:
    """A message's text from the file *path*, or from standard input for ``"-"``."""
    if path != "-":
        return _read_text(path)
    stdin = sys.stdin
    if stdin is None:  # pythonw, some services: there is no standard input
        msg = "standard input: there is none here; pass the message as text or --file PATH"
        raise CLIError(msg)
    stream = getattr(stdin, "buffer", stdin)  # a text stream put in its place has none
    try:
        data = stream.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as exc:  # closed, detached or unreadable
        msg = f"standard input: cannot read: {exc}"
        raise CLIError(msg) from None
    if isinstance(data, bytes):
        return _decoded("standard input", data)
    if not isinstance(data, str):
        msg = f"standard input: read {type(data).__name__}, not text"
        raise CLIError(msg)
    if len(data) > MAX_FILE_BYTES:
        msg = f"standard input: longer than {MAX_FILE_BYTES:,} characters; split it"
        raise CLIError(msg)
    return data


def _decoded(path: str, data: bytes, limit: int = MAX_FILE_BYTES) -> str:
    """*data*, read from *path* (at most one byte over *limit*), as text."""
    if len(data) > limit:
        raise CLIError(f"{path}: larger than {limit:,} bytes; split it")
    try:
        # A byte order mark (Windows Notepad writes one) is not part of the text,
        # as the statement reader already takes it.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # utf-8-sig counts from after the byte order mark; the message counts the file's bytes.
        marked = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        raise CLIError(_not_utf8(path, data[:2], at=exc.start + marked)) from None


def _not_utf8(path: str, start: bytes, *, at: int | tuple[int, int] | None = None) -> str:
    """Say that a file is not UTF-8 (where, if known), and what to do; UTF-16 is named.

    *start* is the file's first two bytes: UTF-16's byte order mark names it.
    *at* is the first byte that is not UTF-8, or that byte and its line.
    """
    utf16 = start in (b"\xff\xfe", b"\xfe\xff")
    kind = "UTF-16 text (as some editors save it)" if utf16 else "not UTF-8 text"
    if isinstance(at, tuple):
        where = f" from byte {at[0]} (line {at[1]})"
    else:
        where = "" if at is None else f" from byte {at}"
    return f"{path}: {kind}{where}; save it as UTF-8 (or download it again) and try again"


def _read_contracts(path: str) -> list[Contract]:
    return contracts_from_json(path, _read_text(path, MAX_JSON_BYTES))


def _bounded_lines(handle: TextIO, limit: int) -> Iterator[str]:
    r"""The lines of *handle*, each read with a bound so one huge line cannot fill memory.

    Two characters over *limit*: a line of exactly *limit* characters comes
    whole with its ``\r\n`` (one over would cut it after the ``\r``, and
    the ``\n`` would count as a line of its own); a longer one is refused.
    """
    while line := handle.readline(limit + 2):
        yield line


def _read_statement(
    path: str, *, unknown_types: Literal["refuse", "other"] = "refuse"
) -> Statement:
    from upwork_safety import statements

    if path == "-":
        return _statement_from_stdin(unknown_types)
    start = b""
    try:
        with _open_input(path) as raw:
            start = raw.peek(2)[:2]  # the file's first bytes, for the UTF-16 hint (not consumed)
            if not start:
                _nothing_from(path, raw)
            handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            return statements.parse(
                _bounded_lines(handle, statements.MAX_LINE_CHARS), unknown_types=unknown_types
            )
    except FileNotFoundError:
        raise CLIError(f"{path}: no such file") from None
    except OSError as exc:
        raise CLIError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        # Each character takes at most four bytes: past these the reader had stopped.
        where = _first_bad_byte(path, 4 * statements.MAX_CHARS + len(codecs.BOM_UTF8))
        raise CLIError(_not_utf8(path, start, at=where)) from None
    except InvalidDataError as exc:
        # An unknown type word's problem says itself how to read it: the library's words
        # name --unknown-types (newcomer r27 4), so no second hint is added here.
        raise problems_error(path, exc) from None


def _statement_from_stdin(unknown_types: Literal["refuse", "other"]) -> Statement:
    """``statement -``: the export read from standard input, bounded as a file is.

    Read line by line, each line bounded, and no further than the reader's
    own limits, as :func:`_read_statement` reads a file; errors name
    "standard input".  Standard input is left open (red team r33 5).
    """
    from upwork_safety import statements

    where = "standard input"
    stdin = sys.stdin
    if stdin is None:  # pythonw, some services: there is no standard input
        raise CLIError(f"{where}: there is none here; pass the export's path instead of -")
    raw: Any = getattr(stdin, "buffer", stdin)  # a text stream put in its place has none
    binary = isinstance(raw, (io.RawIOBase, io.BufferedIOBase))
    handle: Any = raw
    start = b""
    try:
        if binary and callable(getattr(handle, "peek", None)):
            start = bytes(handle.peek(2)[:2])  # for the UTF-16 hint (not consumed)
        if binary:
            handle = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        try:
            return statements.parse(
                _bounded_lines(handle, statements.MAX_LINE_CHARS), unknown_types=unknown_types
            )
        finally:
            if binary:
                handle.detach()  # standard input stays open for whoever reads it next
    except UnicodeDecodeError:
        raise CLIError(_not_utf8(where, start)) from None
    except InvalidDataError as exc:
        raise problems_error(where, exc) from None
    except UpworkSafetyError:
        raise
    except (OSError, ValueError) as exc:  # closed, detached or unreadable
        raise CLIError(f"{where}: cannot read: {exc}") from None


def _first_bad_byte(path: str, limit: int) -> tuple[int, int] | None:
    """Where the file *path* stops being UTF-8: ``(byte offset, line)``, or ``None``.

    The statement is read line by line, so the decoder's error counts from
    the chunk it was reading; this reads the file again in chunks (bounded
    memory, at most *limit* bytes) to say where in the file, as the other
    readers do.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    lines = 1
    try:
        with _open_input(path) as handle:
            while offset <= limit and (chunk := handle.read(_CHUNK)):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    # The decoder's position counts from the bytes it held back plus this chunk.
                    held = len(exc.object) - len(chunk)
                    at = offset - held + exc.start
                    return at, lines + exc.object[: exc.start].count(b"\n")
                lines += chunk.count(b"\n")
                offset += len(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:  # the file ends inside a character
        return offset - len(exc.object) + exc.start, lines
    except OSError:
        return None
    return None


# --------------------------------------------------------------------------- parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("upwork-safety")
    except PackageNotFoundError:  # pragma: no cover  (only when run from an uninstalled tree)
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """Return the ``upwork-safety`` argument parser (documented in the CLI reference).

    ``--json`` and ``--locale`` are accepted before the command and after it.
    """
    parser = _Parser(
        prog=PROG,
        description="Rules that keep Upwork freelancers from losing money and reputation.",
        epilog="Run 'upwork-safety COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument(
        "--locale",
        type=locale,
        default=None,
        help="show amounts in a locale's style, e.g. en_PK (US$900.00, Rs252,000.00); "
        "default: the library's own style (USD 900.00, PKR 252,000.00)",
    )
    # The subcommands take the same options; SUPPRESS keeps one given before the command.
    common = _Parser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print machine-readable JSON"
    )
    common.add_argument(
        "--locale",
        type=locale,
        default=argparse.SUPPRESS,
        help="show amounts in a locale's style, e.g. en_PK",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        child = sub.add_parser(
            command.name, parents=[common], help=command.help, description=command.help
        )
        command.add_arguments(child)
        child.set_defaults(run=command.run)
    return parser


def _writes_utf8(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:  # pragma: no cover  (a stream names a codec Python has)
        return False


def _ascii_json(text: str) -> str:
    """JSON text with every non-ASCII character as a JSON escape (a surrogate pair for 😀).

    JSON text holds non-ASCII characters only inside strings, where the
    escape means the same character, so the document is unchanged for any
    reader; a stream that cannot encode them gets valid JSON, not the
    Python escape of an emoji that JSON has no such escape for.
    """
    return _NOT_ASCII.sub(lambda found: json.dumps(found.group())[1:-1], text)


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _terminal_json(text: str) -> str:
    r"""JSON text with every character that could act on a terminal as a JSON escape.

    JSON escapes the C0 controls itself but writes DEL, the C1 controls (the
    one-byte CSI among them), bidi overrides and zero-width marks as they
    are: a client name or a message's evidence could then move the cursor or
    reorder what the reader sees.  They are written as ``\u202e`` instead,
    which every JSON reader reads back as the same character (the rule is
    :func:`~upwork_safety._cli._printer.hidden`, the one ``shown`` uses).
    """
    return _DEL_OR_NOT_ASCII.sub(_escaped_if_hidden, text)


def _escaped_if_hidden(found: re.Match[str]) -> str:
    char = found.group()
    return json.dumps(char)[1:-1] if hidden(char) else char


#: The characters JSON writes as they are that may be hidden: the C0 controls never
#: reach the text unescaped (JSON escapes them inside strings; between tokens only
#: spaces, tabs and line breaks stand).
_DEL_OR_NOT_ASCII = re.compile(r"[^\x00-\x7e]")


def _escape_what_cannot_be_shown(*streams: TextIO) -> None:
    """Write a character the stream's encoding lacks as an escape, never a traceback.

    Redirected output on Windows is in the ANSI code page (cp1252, say), which
    has no arrow or Urdu letter: those are written as ``\u2192`` instead.
    """
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            reconfigure(errors="backslashreplace")


def _explain(command: str, first: str, more: Sequence[str]) -> None:
    """Write an error on standard error, each line through :func:`shown`.

    The lines quote the input (a file's name, a key, a client id), which
    must not reach the terminal as escapes or characters it cannot encode.
    """
    sys.stderr.write(f"{PROG} {command}: error: {shown(first)}\n")
    sys.stderr.writelines(f"{shown(line)}\n" for line in more)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).
        out: Where to print (default ``sys.stdout``).

    Returns:
        0 on success; 2 for input the library refuses or no command
        (explained on stderr, with nothing on *out*).

    Raises:
        SystemExit: As :mod:`argparse` does, before any command runs: code 0
            for ``--help`` and ``--version`` (printed on ``sys.stdout``, not
            *out*), code 2 for an option or argument it cannot read
            (an unknown option, a bad number, date or choice; explained on
            stderr).
    """
    stream = sys.stdout if out is None else out
    _escape_what_cannot_be_shown(sys.stderr, stream)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    # The command writes into a buffer, shown only if all of it worked.
    buffer = io.StringIO()
    context = Context(
        buffer,
        json=args.json,
        locale=args.locale,
        today=_today,
        now=_now,
        read_contracts=_read_contracts,
        read_statement=_read_statement,
        read_message=_read_message,
    )
    try:
        status = int(args.run(args, context))
    except CLIError as exc:
        _explain(args.command, str(exc), exc.details)
        return 2
    except UpworkSafetyError as exc:
        lines = str(exc).splitlines() or [type(exc).__name__]
        _explain(args.command, lines[0], lines[1:])
        return 2
    text = buffer.getvalue()
    if args.json:
        text = _terminal_json(text)
        text = text if _writes_utf8(stream) else _ascii_json(text)
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly, like other tools
        if stream is sys.stdout:  # pragma: no cover  (tested in a subprocess)
            # Python flushes stdout at exit; point it at /dev/null so that cannot fail too.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status


# ``python -m upwork_safety.cli`` runs the command too (tested in a subprocess).
if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (r19 L4)."""
    return sorted(__all__)
