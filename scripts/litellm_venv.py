"""Create or reuse a virtual environment with the LiteLLM proxy, for the tests.

The proxy pins its own versions of openai, httpx and pydantic, so it lives
in a separate environment and the tests start it as a subprocess. Usage:

    python scripts/litellm_venv.py PATH

Prints the path of the ``litellm`` executable. Set ``LLMCREDS_SKIP_LITELLM=1``
to skip the installation (the LiteLLM tests then skip, unless
``LLMCREDS_REQUIRE_LITELLM=1``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

#: The proxy release the tests were written against. Without a pin, pip walks
#: back through many releases (hundreds of MB) to resolve the proxy extras, and
#: later releases change the error texts the tests read.
LITELLM_REQUIREMENT = os.environ.get(
    "LLMCREDS_LITELLM_REQUIREMENT", "litellm[proxy]==1.108.7"
)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if os.environ.get("LLMCREDS_SKIP_LITELLM") == "1":
        print("LLMCREDS_SKIP_LITELLM=1: not installing the LiteLLM proxy")
        return 0

    target = Path(argv[1])
    executable = target / "bin" / "litellm"
    if not executable.exists():
        venv.create(target, with_pip=True, clear=True)
        pip = [str(target / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)
        subprocess.run([*pip, LITELLM_REQUIREMENT], check=True)
    print(executable)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
