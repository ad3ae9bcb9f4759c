"""The package type-checks: mypy, configured in pyproject.toml ([tool.mypy]), accepts ``cabinet``.

The package ships ``py.typed`` (PEP 561), so users' type checkers read its annotations; this test
keeps those annotations consistent with the code. mypy and pandas-stubs come with the ``test``
extra; without mypy the test is skipped.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("mypy", reason="mypy is part of the test extra: pip install -e '.[test]'")


def test_mypy_accepts_the_package(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache"), "--no-error-summary",
         "--config-file", str(ROOT / "pyproject.toml"), str(ROOT / "cabinet")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_public_functions_are_annotated():
    """Every public function of ``cabinet`` states its return type, for users' type checkers."""
    import inspect

    import cabinet

    missing = []
    for name in cabinet.__all__:
        obj = getattr(cabinet, name)
        if inspect.isfunction(obj) and inspect.signature(obj).return_annotation is inspect.Signature.empty:
            missing.append(name)
    assert missing == []
