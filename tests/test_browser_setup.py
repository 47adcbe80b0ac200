"""Browser tests never skip silently: a missing chromium fails them under CI."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from support import ROOT


def run_browser_test(tmp_path, ci: str) -> subprocess.CompletedProcess:
    """A browser test run by pytest with the project's fixtures, on a machine whose
    chromium is somewhere it is not."""
    (tmp_path / "conftest.py").write_text(
        textwrap.dedent(
            f"""
            import importlib.util
            import sys
            from pathlib import Path

            import plansite.testing.browser as chromium

            sys.path.insert(0, {str(ROOT / "tests")!r})  # the project's tests/support

            chromium.CHROMIUM = Path({str(tmp_path / "no-chromium")!r})
            spec = importlib.util.spec_from_file_location(
                "project_conftest", {str(ROOT / "tests" / "conftest.py")!r}
            )
            project = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(project)
            browser = project.browser
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "test_it.py").write_text("def test_it(browser):\n    pass\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-ra", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "CI": ci},
    )


def test_without_chromium_browser_tests_skip_and_say_how_to_install(tmp_path):
    result = run_browser_test(tmp_path, ci="")
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
    assert "apt-get install chromium" in result.stdout


def test_under_ci_a_missing_chromium_fails_the_run(tmp_path):
    result = run_browser_test(tmp_path, ci="true")
    assert result.returncode == 1, result.stdout
    assert "CI=true and browser tests need" in result.stdout
    assert "apt-get install chromium" in result.stdout
