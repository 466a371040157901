#!/usr/bin/env python3
"""Golden CLI tests: run the command examples of the documentation and of
tests/golden/*.test, and compare their output byte for byte with the text
checked in beside them (DuckDB's sqllogictest files are the model).

Usage:
  run_golden.py --pivot PATH [--root DIR] [--update] [--verbose] FILE...

FILE is a Markdown file (README.md, docs/*.md) or a test file (*.test).

Markdown: every fenced code block whose lines begin with "$ " is a test.
  ```
  $ pivot solve tests/data/games/bos-outcome.nfg --method enummixed
  NE,0,1,0,1
  ...
  ```
  Each "$ COMMAND" line (with the lines after it while a line ends in a
  backslash) is run with bash; its stdout and stderr together must equal the
  lines that follow it, up to the next "$ " line or the end of the block. A
  block must begin with a "$ " line. A block is skipped only when its info
  string says so (```console no-test) or when the last non-blank line before it
  is an HTML comment <!-- golden: skip (REASON) -->; a skip must give a reason.
  Fenced blocks without "$ " lines are not tests.

Test files (*.test): the same "$ COMMAND" lines, each followed by its
  expected output; records are separated by blank lines, and lines starting
  with "#" before a command are comments. A record's output runs to the next
  "$ " line, or to a blank line followed by a "#" comment line, or to the end
  of the file; blank lines at its end separate records, and blank lines at the
  end of the expected and of the actual output are not compared (use Markdown,
  or `| cat -A`, where they matter).

Running: all the commands of one FILE run in one fresh scratch directory,
  block after block in file order (a later block may read what an earlier one
  wrote, as a reader following the document would). Each block gets a fresh
  bash (`set -o pipefail` is NOT set; shell variables, the working directory
  and $? carry from one command to the next inside a block). The scratch
  directory holds symbolic links `scenarios` and `tests` to the checkout's
  folders, so paths in the examples read as from the repository root; `pivot`
  on PATH is the binary under test; built-in scenario names resolve as
  always. Environment: LC_ALL=C.UTF-8, TZ=UTC, HOME=the scratch directory,
  PIVOT_PROGRESS_INTERVAL=off (no progress lines).
  Exit codes are not checked: show them in the output (`$ echo $?`, or
  `; echo "exit $?"`) where they matter. Output that lacks a final newline is
  compared as if it had one.

Wildcards (keep them rare; prefer `| grep -v`, `| head`, relative paths):
  ...        a line of exactly three dots matches any run of lines (none too)
  [...]      inside a line, matches any text within that line

--update rewrites, in place, the expected output of every command whose output
  differs (and nothing else: not the commands, not the text around the blocks,
  not a record that already matches), for a developer to review with git diff.
  Records with "..." keep their "..." lines: each run of literal lines between
  them is replaced by the lines of the new output where it fits best, with
  its length kept. A line with "[...]" that no longer matches is replaced by
  the new line (the runner says so; put the wildcard back by hand). An output
  that would not read back as the same record (a line starting with "$ ", a
  code fence in Markdown, a "#" line after a blank line in a .test file) is
  not written: NOT UPDATED, and the run fails. Running --update twice changes
  nothing the second time. ctest never updates.

Exit status: 0 all passed, 1 some failed, 2 bad usage or malformed file.
"""

import argparse
import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

WILD_LINE = "..."
WILD_TEXT = "[...]"
SKIP_RE = re.compile(r"^<!--\s*golden:\s*skip\b(.*?)-->\s*$")
FENCE_RE = re.compile(r"^(`{3,}|~{3,})(.*)$")
BLOCK_TIMEOUT_S = 300


class Malformed(Exception):
    pass


class Record:
    """One command and its expected output."""

    def __init__(self, path, line, command, out_start, out_end, expected):
        self.path = path          # file the record is in
        self.line = line          # 1-based line of the "$ " line
        self.command = command    # the command text (continuation lines joined with "\n")
        self.out_start = out_start  # 0-based index of the first expected-output line
        self.out_end = out_end      # 0-based index one past the last expected-output line
        self.expected = expected    # list of expected lines (without "\n")


class Block:
    def __init__(self, line, records):
        self.line = line
        self.records = records


def split_records(path, lines, start, end, test_file):
    """Records from lines[start:end], which must begin with a "$ " line."""
    records = []
    i = start
    while i < end:
        if test_file and (lines[i] == "" or lines[i].startswith("#")):
            i += 1
            continue
        if not lines[i].startswith("$ "):
            raise Malformed(f"{path}:{i + 1}: expected a '$ ' command line, found {lines[i]!r}")
        cmd_line = i
        cmd = [lines[i][2:]]
        while cmd[-1].endswith("\\") and i + 1 < end:
            i += 1
            cmd.append(lines[i])
        i += 1
        out_start = i
        while i < end and not lines[i].startswith("$ "):
            if test_file and lines[i].startswith("#") and i > out_start and lines[i - 1] == "":
                break
            i += 1
        out_end = i
        if test_file:
            while out_end > out_start and lines[out_end - 1] == "":
                out_end -= 1
        records.append(Record(path, cmd_line + 1, "\n".join(cmd), out_start, out_end,
                              lines[out_start:out_end]))
    return records


def parse_markdown(path, lines):
    """(blocks, skips): the test blocks, and (line, reason) for each skipped block."""
    blocks, skips = [], []
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info = m.group(1), m.group(2).strip()
        j = i + 1
        while j < len(lines):
            c = FENCE_RE.match(lines[j])
            if c and c.group(1)[0] == fence[0] and len(c.group(1)) >= len(fence) and not c.group(2).strip():
                break
            j += 1
        if j == len(lines):
            raise Malformed(f"{path}:{i + 1}: code block never closed")
        body = range(i + 1, j)
        if any(lines[k].startswith("$ ") for k in body):
            prev = i - 1
            while prev >= 0 and not lines[prev].strip():
                prev -= 1
            skip = SKIP_RE.match(lines[prev]) if prev >= 0 else None
            if "no-test" in info.split():
                skips.append((i + 1, "no-test"))
            elif skip:
                reason = skip.group(1).strip()
                if not (reason.startswith("(") and reason.endswith(")") and len(reason) > 2):
                    raise Malformed(f"{path}:{prev + 1}: a skip needs a reason: <!-- golden: skip (REASON) -->")
                skips.append((i + 1, reason[1:-1]))
            else:
                blocks.append(Block(i + 1, split_records(path, lines, i + 1, j, False)))
        i = j + 1
    return blocks, skips


def parse_file(path, text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline
    if path.endswith(".md"):
        blocks, skips = parse_markdown(path, lines)
    else:
        records = split_records(path, lines, 0, len(lines), True)
        blocks, skips = ([Block(records[0].line, records)] if records else []), []
    return lines, blocks, skips


# --- matching ---------------------------------------------------------------

def line_matches(pattern, line):
    if WILD_TEXT not in pattern:
        return pattern == line
    parts = pattern.split(WILD_TEXT)
    rx = ".*".join(re.escape(p) for p in parts)
    return re.fullmatch(rx, line, re.S) is not None


def matches(expected, actual):
    """Whether the expected lines (with wildcards) match the actual lines."""
    memo = {}

    def go(i, j):
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == len(expected):
            r = j == len(actual)
        elif expected[i] == WILD_LINE:
            r = any(go(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            r = j < len(actual) and line_matches(expected[i], actual[j]) and go(i + 1, j + 1)
        memo[key] = r
        return r

    return go(0, 0)


def updated_expected(expected, actual, notes, where):
    """New expected lines for an actual output: the actual lines, with the "..."
    lines of expected kept (each literal run replaced by the actual lines where
    it fits best, its length kept) and "[...]" kept in lines that still match."""
    if WILD_LINE not in expected:
        segments = [expected]
    else:
        segments, cur = [], []
        for e in expected:
            if e == WILD_LINE:
                segments.append(cur)
                cur = []
            else:
                cur.append(e)
        segments.append(cur)
    if len(segments) == 1:
        if len(expected) == len(actual):
            return [keep_text_wildcard(e, a, notes, where) for e, a in zip(expected, actual)]
        if any(WILD_TEXT in e for e in expected):
            notes.append(f"{where}: a line with [...] was rewritten as the new output; put the wildcard back by hand")
        return list(actual)
    need = sum(len(s) for s in segments)
    if need > len(actual):
        notes.append(f"{where}: the new output is shorter than the lines around '...'; wrote it whole, without wildcards")
        return list(actual)
    # The first segment sits at the start, the last at the end, the others where they fit
    # best; a segment whose last line (first line, for the last segment) now sits a few
    # lines further or nearer grows or shrinks to it, so a line added inside shows up.
    first, last, middle = segments[0], segments[-1], segments[1:-1]
    rest_all = sum(len(s) for s in middle) + len(last)
    n_first = anchored_length(first, actual, 0, len(actual) - rest_all)
    pos = n_first
    placed = []
    for k, seg in enumerate(middle):
        rest = sum(len(s) for s in middle[k + 1:]) + len(last)
        limit = len(actual) - rest
        best, best_score = pos, -1.0
        for p in range(pos, limit - len(seg) + 1):
            score = sum(1.0 if line_matches(e, a) else difflib.SequenceMatcher(None, e, a).ratio() * 0.9
                        for e, a in zip(seg, actual[p:p + len(seg)]))
            if score > best_score:
                best, best_score = p, score
        n = anchored_length(seg, actual, best, limit)
        placed.append((best, n))
        pos = best + n
    n_last = len(last)
    if len(last) >= 2 and not line_matches(last[0], actual[len(actual) - n_last]):
        for d in range(1, ANCHOR_LINES + 1):
            hits = [len(actual) - n_last - d, len(actual) - n_last + d]
            hits = [q for q in hits if pos <= q < len(actual) - 1 and line_matches(last[0], actual[q])]
            if hits:
                n_last = len(actual) - hits[0]
                break
    out = fill(first, actual[:n_first], notes, where)
    for seg, (p, n) in zip(middle, placed):
        out.append(WILD_LINE)
        out += fill(seg, actual[p:p + n], notes, where)
    out.append(WILD_LINE)
    out += fill(last, actual[len(actual) - n_last:], notes, where)
    return out


ANCHOR_LINES = 20


def anchored_length(seg, actual, start, limit):
    """How many lines from actual[start:] a segment covers: its length, or up to where its
    last line now is, when that is within ANCHOR_LINES lines (and before limit)."""
    n = len(seg)
    if n < 2 or start + n > limit or line_matches(seg[-1], actual[start + n - 1]):
        return n
    for d in range(1, ANCHOR_LINES + 1):
        for q in (start + n - 1 + d, start + n - 1 - d):
            if start < q < limit and line_matches(seg[-1], actual[q]):
                return q - start + 1
    return n


def fill(seg, lines, notes, where):
    """The new lines for a segment: each line keeps its pattern when it still matches."""
    if len(seg) == len(lines):
        return [keep_text_wildcard(e, a, notes, where) for e, a in zip(seg, lines)]
    return list(lines)


def keep_text_wildcard(pattern, line, notes, where):
    if line_matches(pattern, line):
        return pattern
    if WILD_TEXT in pattern:
        notes.append(f"{where}: {pattern!r} became {line!r}; put the [...] back by hand if it is needed")
    return line


# --- running ----------------------------------------------------------------

def run_block(block, scratch, env, timeout):
    """Run a block's commands in one bash; returns a list of (output text, seconds) per
    record, or raises TimeoutError with the index of the command that was running."""
    nonce = os.urandom(8).hex()
    script = ["cd " + shquote(scratch)]
    for k, rec in enumerate(block.records):
        script.append(rec.command)
        script.append(f"__golden_rc=$?; printf '\\n@@golden-{nonce}-{k}@@\\n'; (exit $__golden_rc)")
    script = "\n".join(script) + "\n"
    start = time.monotonic()
    proc = subprocess.Popen(["bash", "--noprofile", "--norc", "-c", script], cwd=scratch, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        done = out.decode("utf-8", "replace").count(f"@@golden-{nonce}-")
        raise TimeoutError(done)
    elapsed = time.monotonic() - start
    text = out.decode("utf-8", "replace")
    results = []
    for k in range(len(block.records)):
        marker = f"\n@@golden-{nonce}-{k}@@\n"
        idx = text.find(marker)
        if idx < 0:  # the shell exited early (an `exit` in a command)
            results.append((text, elapsed))
            text = ""
            continue
        results.append((text[:idx], elapsed))
        text = text[idx + len(marker):]
    if text and results:
        results[-1] = (results[-1][0] + text, elapsed)
    return results


def unwritable(actual, markdown):
    """Why these output lines cannot be written back as expected output, or None."""
    for k, line in enumerate(actual):
        if line.startswith("$ "):
            return f"a line starting with '$ ' (line {k + 1})"
        if markdown and FENCE_RE.match(line):
            return f"a code fence (line {k + 1})"
        if not markdown and line.startswith("#") and k > 0 and actual[k - 1] == "":
            return f"a '#' line after a blank line (line {k + 1})"
    return None


def shquote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def output_lines(text):
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n") if text else []


def make_env(bindir, scratch):
    env = {
        "PATH": bindir + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": scratch,
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "TERM": "dumb",
        # Progress lines on a non-terminal come every few seconds, so how many a
        # command prints depends on the machine's load: none in the examples.
        "PIVOT_PROGRESS_INTERVAL": "off",
    }
    for k in ("TMPDIR", "OMPI_ALLOW_RUN_AS_ROOT", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"):
        if k in os.environ:
            env[k] = os.environ[k]
    return env


def run_file(path, rel, args, bindir):
    """Returns (passed, failed, skipped)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines, blocks, skips = parse_file(rel, text)
    for line, reason in skips:
        print(f"{rel}:{line}: skipped ({reason})")
    if not blocks:
        print(f"{rel}: no tests")
        return 0, 0, len(skips)
    scratch = tempfile.mkdtemp(prefix="pivot-golden-")
    passed = failed = timeouts = 0
    replacements = []  # (out_start, out_end, new lines)
    notes = []
    try:
        for name in ("scenarios", "tests"):
            os.symlink(os.path.join(args.root, name), os.path.join(scratch, name))
        env = make_env(bindir, scratch)
        for block in blocks:
            try:
                results = run_block(block, scratch, env, args.timeout)
            except TimeoutError as e:
                rec = block.records[min(e.args[0], len(block.records) - 1)]
                print(f"FAIL {rel}:{rec.line}: timed out after {args.timeout} s: $ {rec.command}")
                timeouts += len(block.records)
                continue
            for rec, (out, secs) in zip(block.records, results):
                actual = output_lines(out)
                if not rel.endswith(".md"):
                    while actual and actual[-1] == "":
                        actual.pop()  # a .test record's trailing blank lines are its separator
                if args.verbose:
                    print(f"{rel}:{rec.line}: ({secs:.1f} s for the block) $ {rec.command}")
                if matches(rec.expected, actual):
                    passed += 1
                    continue
                failed += 1
                bad = args.update and unwritable(actual, rel.endswith(".md"))
                if args.update and not bad:
                    new = updated_expected(rec.expected, actual, notes, f"{rel}:{rec.line}")
                    replacements.append((rec.out_start, rec.out_end, new))
                    print(f"UPDATE {rel}:{rec.line}: $ {rec.command}")
                else:
                    if bad:
                        timeouts += 1  # counts as a failure in --update mode too
                        print(f"NOT UPDATED {rel}:{rec.line}: the output has {bad}, which would not read back "
                              "as this command's output; change the command (e.g. | sed 's/^/  /')")
                    print(f"FAIL {rel}:{rec.line}: $ {rec.command}")
                    diff = difflib.unified_diff([e + "\n" for e in rec.expected], [a + "\n" for a in actual],
                                                f"expected ({rel}:{rec.out_start + 1})", "actual", n=3)
                    sys.stdout.writelines(diff)
                    if WILD_LINE in rec.expected or any(WILD_TEXT in e for e in rec.expected):
                        print("(the expected output has wildcards; the diff shows them literally)")
                    print()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for n in notes:
        print("NOTE " + n)
    if args.update and replacements:
        for start, end, new in sorted(replacements, reverse=True):
            lines[start:end] = new
        new_text = "\n".join(lines) + ("\n" if text.endswith("\n") or not text else "")
        if new_text != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(new_text)
            print(f"updated {rel} ({len(replacements)} output(s)); review with git diff")
    if args.update:
        args.updated += len(replacements)
        return passed, timeouts, len(skips)
    return passed, failed + timeouts, len(skips)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pivot", required=True, help="the pivot binary under test")
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                    help="the repository root (default: two folders above this script)")
    ap.add_argument("--update", action="store_true", help="rewrite differing expected outputs in place")
    ap.add_argument("--timeout", type=float, default=BLOCK_TIMEOUT_S, help="seconds per code block")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    args.root = os.path.abspath(args.root)
    args.updated = 0
    pivot = os.path.abspath(args.pivot)
    if not os.access(pivot, os.X_OK):
        print(f"run_golden: not an executable: {pivot}", file=sys.stderr)
        return 2
    bindir = tempfile.mkdtemp(prefix="pivot-golden-bin-")
    total = [0, 0, 0]
    try:
        os.symlink(pivot, os.path.join(bindir, "pivot"))
        for f in args.files:
            path = f if os.path.isabs(f) else os.path.join(args.root, f)
            rel = os.path.relpath(path, args.root)
            try:
                r = run_file(path, rel, args, bindir)
            except Malformed as e:
                print(f"run_golden: {e}", file=sys.stderr)
                return 2
            total = [a + b for a, b in zip(total, r)]
    finally:
        shutil.rmtree(bindir, ignore_errors=True)
    passed, failed, skipped = total
    updated = f"{args.updated} updated, " if args.update else ""
    print(f"golden: {passed} passed, {updated}{failed} failed, {skipped} block(s) skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
