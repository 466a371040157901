"""The Python examples of README.md ("From Python") and docs/python.md run as doctests:
every ```python block whose lines start with `>>> ` must print what the document shows."""

import doctest
import re

import pytest

BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def examples(source_dir):
    for name in ("README.md", "docs/python.md"):
        text = (source_dir / name).read_text()
        for match in BLOCK.finditer(text):
            if ">>> " in match.group(1):
                yield name, text.count("\n", 0, match.start()) + 2, match.group(1)


def test_documents_have_examples(source_dir):
    assert {name for name, _, _ in examples(source_dir)} == {"README.md", "docs/python.md"}


def test_examples_print_what_the_documents_show(source_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scenarios").symlink_to(source_dir / "scenarios")
    (tmp_path / "tests").symlink_to(source_dir / "tests")
    failures = []
    globs = {}  # one namespace per document, as a reader following it would have
    for name, line, block in examples(source_dir):
        globs.setdefault(name, {})
        test = doctest.DocTestParser().get_doctest(block, globs[name], f"{name}:{line}", name, line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        out = []
        runner.run(test, out=out.append, clear_globs=False)
        globs[name] = test.globs  # the DocTest ran on a copy
        failures.extend(out)
    if failures:
        pytest.fail("".join(failures))
