"""pytest-llmcreds: check LLM credentials before tests run; simulate provider errors.

This module stays import-light: pytest imports it in every run through the
entry point, whether or not the plugin is used.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
