"""User gateways: checked by the API they are compatible with."""

from __future__ import annotations

import pytest

from pytest_llmcreds.providers import ProviderSpec
from pytest_llmcreds.resolve import resolve
from pytest_llmcreds.server import FakeProvider
from pytest_llmcreds.verify import LiveCheck, verify_all

KEY = "gw-" + "Tq8Wm2Lz5Xr9Pv3Nb6Kd1Hf4Jg7Sa0Ye"


def gateway(compatibility: str, auth_style: str) -> ProviderSpec:
    return ProviderSpec(
        name="corp_gateway",
        title="Corp gateway",
        sdk="openai",
        compatibility=compatibility,  # type: ignore[arg-type]
        key_vars=("CORP_GATEWAY_KEY",),
        auth_style=auth_style,  # type: ignore[arg-type]
        gateway=True,
    )


@pytest.mark.parametrize(
    ("compatibility", "auth_style", "base_path", "shape", "header"),
    [
        ("openai", "bearer", "/v1", "openai", "authorization"),
        ("anthropic", "x-api-key", "", "anthropic", "x-api-key"),
    ],
)
def test_gateway_checked_by_compatibility(
    fake_provider: FakeProvider,
    compatibility: str,
    auth_style: str,
    base_path: str,
    shape: str,
    header: str,
) -> None:
    fake_provider.mount(
        "corp_gateway",
        keys=(KEY,),
        models=("team-model",),
        shape=shape,
        base_path=base_path,
    )
    spec = gateway(compatibility, auth_style)
    resolution = resolve(
        spec,
        {"CORP_GATEWAY_KEY": KEY},
        base_url_override=fake_provider.base_url("corp_gateway"),
    )

    outcome = verify_all(
        [LiveCheck(resolution, ("team-model", "other"), ())], timeout=5.0, probe=False
    )["corp_gateway"]

    assert outcome.models == {"team-model": "available", "other": "not_found"}
    assert fake_provider.requests[0].credential_header == header
