"""A small suite with live and offline tests, to show the preflight at work.

The live tests would call the providers' APIs; here they only read the
environment, so the example runs anywhere. Run it with:

    pytest --llm-preflight -rs examples/basic
"""

import os

import pytest


def test_prompt_template_renders() -> None:
    template = "Summarise: {text}"
    assert template.format(text="a long report") == "Summarise: a long report"


@pytest.mark.llm_live("openai", model="gpt-4o-mini")
def test_openai_summary() -> None:
    assert os.environ["OPENAI_API_KEY"]


@pytest.mark.llm_live("anthropic")
def test_anthropic_summary() -> None:
    assert os.environ.get("ANTHROPIC_API_KEY") or os.environ["ANTHROPIC_AUTH_TOKEN"]


@pytest.mark.llm_live("openai")
@pytest.mark.llm_live("gemini")
def test_compare_providers() -> None:
    assert os.environ["OPENAI_API_KEY"]
