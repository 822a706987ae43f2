"""Find and read the pytest configuration file outside pytest, for ``llmcreds check``.

The search follows pytest's order for one directory and its parents:
``pytest.ini``, ``.pytest.ini``, ``pyproject.toml`` with a ``[tool.pytest]``
or ``[tool.pytest.ini_options]`` table, ``tox.ini`` with ``[pytest]`` and
``setup.cfg`` with ``[tool:pytest]``. Only the ``llm_*`` keys are read.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass(frozen=True)
class IniFile:
    """The ``llm_*`` values of one configuration file."""

    path: Path | None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def rootdir(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()

    def lines(self, name: str) -> list[str]:
        """Return a linelist or args value as a list of strings."""
        value = self.values.get(name)
        if value is None:
            return []
        if isinstance(value, list):
            return [str(item) for item in value]
        return [line.strip() for line in str(value).splitlines() if line.strip()]

    def text(self, name: str) -> str:
        value = self.values.get(name, "")
        return str(value).strip()

    def flag(self, name: str) -> bool:
        value = self.values.get(name, False)
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("1", "true", "yes", "on")


def find_ini(start: Path) -> IniFile:
    for directory in (start, *start.parents):
        found = _read_directory(directory)
        if found is not None:
            return found
    return IniFile(path=None)


def _read_directory(directory: Path) -> IniFile | None:
    for name in ("pytest.ini", ".pytest.ini"):
        path = directory / name
        if path.is_file():
            return IniFile(path, _read_ini(path, "pytest") or {})
    pyproject = directory / "pyproject.toml"
    if pyproject.is_file():
        values = _read_pyproject(pyproject)
        if values is not None:
            return IniFile(pyproject, values)
    for name, section in (("tox.ini", "pytest"), ("setup.cfg", "tool:pytest")):
        path = directory / name
        if path.is_file():
            values = _read_ini(path, section)
            if values is not None:
                return IniFile(path, values)
    return None


def _read_ini(path: Path, section: str) -> dict[str, Any] | None:
    import iniconfig
    import pytest

    try:
        parsed = iniconfig.IniConfig(str(path))
    except iniconfig.ParseError as error:
        raise pytest.UsageError(f"{path}: invalid ini file: {error}") from None
    if section not in parsed:
        return None
    return {
        name: value
        for name, value in parsed[section].items()
        if name.startswith("llm_")
    }


def _read_pyproject(path: Path) -> dict[str, Any] | None:
    import pytest

    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise pytest.UsageError(f"{path}: invalid TOML: {error}") from None
    pytest_table = data.get("tool", {}).get("pytest")
    if not isinstance(pytest_table, dict):
        return None
    table = pytest_table.get("ini_options", pytest_table)
    return {name: value for name, value in table.items() if name.startswith("llm_")}
