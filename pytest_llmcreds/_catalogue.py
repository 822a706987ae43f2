"""The built-in providers, one declarative entry each, with the source of each fact.

SDK facts were read from the SDK's own source at the version named beside
them; provider facts from the provider's API documentation. Key formats are
the shapes the providers issue today; ``distinctive=False`` marks a shape
that other providers or gateways also use, so it never proves a key belongs
elsewhere.
"""

from __future__ import annotations

from pytest_llmcreds.providers import ExtraVariable, KeyFormat, ProviderSpec

_OPENAI_SDK = "openai-python 3.60 (openai/lib/_client_auth.py)"
_ANTHROPIC_SDK = "anthropic-python 2.16 (anthropic/_client.py)"

OPENAI_PROJECT_KEY = KeyFormat(
    label="OpenAI project key",
    pattern=r"sk-proj-[A-Za-z0-9_-]{20,}",
    source="OpenAI API keys page: project keys start with sk-proj-",
)
OPENAI_SERVICE_ACCOUNT_KEY = KeyFormat(
    label="OpenAI service account key",
    pattern=r"sk-svcacct-[A-Za-z0-9_-]{20,}",
    source="OpenAI API keys page: service account keys start with sk-svcacct-",
)
OPENAI_ADMIN_KEY = KeyFormat(
    label="OpenAI admin key",
    pattern=r"sk-admin-[A-Za-z0-9_-]{20,}",
    source="OpenAI Administration API docs: admin keys start with sk-admin-",
)
OPENAI_LEGACY_KEY = KeyFormat(
    label="OpenAI user key",
    pattern=r"sk-[A-Za-z0-9]{48}",
    source="OpenAI user keys issued before project keys: sk- and 48 characters",
)

OPENAI = ProviderSpec(
    name="openai",
    title="OpenAI",
    sdk="openai",
    compatibility="openai",
    key_vars=("OPENAI_API_KEY",),
    base_url_vars=("OPENAI_BASE_URL",),
    legacy_base_url_vars=("OPENAI_API_BASE",),
    default_base_url="https://api.openai.com/v1",
    extra_vars=(
        ExtraVariable(
            name="OPENAI_ORG_ID",
            role="organization",
            legacy_names=("OPENAI_ORGANIZATION",),
            source=_OPENAI_SDK,
        ),
        ExtraVariable(
            name="OPENAI_PROJECT_ID",
            role="project",
            near_misses=("OPENAI_PROJECT",),
            source=_OPENAI_SDK,
        ),
    ),
    auth_style="bearer",
    key_formats=(
        OPENAI_PROJECT_KEY,
        OPENAI_SERVICE_ACCOUNT_KEY,
        OPENAI_ADMIN_KEY,
        OPENAI_LEGACY_KEY,
    ),
    near_miss_key_vars=(
        "OPENAI_KEY",
        "OPENAI_APIKEY",
        "OPENAI_API_TOKEN",
        "OPENAI_TOKEN",
        "OPENAI_SECRET_KEY",
        "OPEN_AI_API_KEY",
        "OPEN_AI_KEY",
        "OPENAI_API_SECRET",
        "CHATGPT_API_KEY",
    ),
    near_miss_base_url_vars=("OPENAI_API_BASE_URL", "OPENAI_URL", "OPENAI_ENDPOINT"),
    hosts=("api.openai.com",),
    docs_url="https://platform.openai.com/docs/api-reference",
    key_page="https://platform.openai.com/api-keys",
    sources={
        "key_vars": _OPENAI_SDK,
        "base_url_vars": _OPENAI_SDK,
        "default_base_url": _OPENAI_SDK,
        "legacy_base_url_vars": "openai-python 0.28 read OPENAI_API_BASE; 1.0 "
        "and later read only OPENAI_BASE_URL (v1.0.0 migration guide)",
        "empty_key": _OPENAI_SDK + ": an empty OPENAI_API_KEY raises "
        "'Missing credentials'",
    },
)

AZURE_OPENAI = ProviderSpec(
    name="azure_openai",
    title="Azure OpenAI",
    sdk="openai (AzureOpenAI)",
    compatibility="openai",
    key_vars=("AZURE_OPENAI_AD_TOKEN", "AZURE_OPENAI_API_KEY"),
    base_url_vars=("AZURE_OPENAI_ENDPOINT",),
    legacy_base_url_vars=(),
    default_base_url=None,
    extra_vars=(
        ExtraVariable(
            name="OPENAI_API_VERSION",
            role="api_version",
            near_misses=("AZURE_OPENAI_API_VERSION", "AZURE_API_VERSION"),
            required=True,
            source="openai-python 3.60 (openai/lib/azure.py): AzureOpenAI raises "
            "without api_version or OPENAI_API_VERSION",
        ),
    ),
    auth_style="api-key",
    var_auth_styles={"AZURE_OPENAI_AD_TOKEN": "bearer"},
    key_formats=(
        KeyFormat(
            label="Microsoft Entra ID token",
            pattern=r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*",
            distinctive=False,
            source="Microsoft Entra ID access tokens are JSON Web Tokens",
        ),
        KeyFormat(
            label="Azure OpenAI key",
            pattern=r"[0-9a-f]{32}",
            source="Azure AI services keys issued before 2024: 32 hex digits",
        ),
        KeyFormat(
            label="Azure OpenAI key",
            pattern=r"[A-Za-z0-9]{84}",
            distinctive=False,
            source="Azure AI services keys issued since 2024: 84 letters and digits",
        ),
    ),
    near_miss_key_vars=(
        "AZURE_OPENAI_KEY",
        "AZURE_API_KEY",
        "AZURE_OPENAI_APIKEY",
        "AZURE_OPENAI_API_TOKEN",
    ),
    near_miss_base_url_vars=(
        "AZURE_OPENAI_API_BASE",
        "AZURE_OPENAI_BASE_URL",
        "AZURE_API_BASE",
        "AZURE_OPENAI_URL",
    ),
    hosts=("openai.azure.com", "cognitiveservices.azure.com", "services.ai.azure.com"),
    docs_url="https://learn.microsoft.com/azure/ai-services/openai/reference",
    key_page="the resource's Keys and Endpoint page in the Azure portal",
    sources={
        "key_vars": "openai-python 3.60 (openai/lib/azure.py): "
        "AZURE_OPENAI_AD_TOKEN when set, even empty, else AZURE_OPENAI_API_KEY",
        "base_url_vars": "openai-python 3.60 (openai/lib/azure.py): "
        "AZURE_OPENAI_ENDPOINT, required when base_url is not passed",
        "near_miss_key_vars": "LiteLLM reads AZURE_API_KEY, AZURE_API_BASE and "
        "AZURE_API_VERSION; the openai SDK does not",
    },
)

ANTHROPIC = ProviderSpec(
    name="anthropic",
    title="Anthropic",
    sdk="anthropic",
    compatibility="anthropic",
    key_vars=("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"),
    empty_key_falls_through=True,
    base_url_vars=("ANTHROPIC_BASE_URL",),
    default_base_url="https://api.anthropic.com",
    auth_style="x-api-key",
    var_auth_styles={"ANTHROPIC_AUTH_TOKEN": "bearer"},
    key_formats=(
        KeyFormat(
            label="Anthropic API key",
            pattern=r"sk-ant-api\d\d-[A-Za-z0-9_-]{20,}",
            source="Anthropic Console API keys: sk-ant-api03-",
        ),
        KeyFormat(
            label="Anthropic OAuth token",
            pattern=r"sk-ant-oat\d\d-[A-Za-z0-9_-]{20,}",
            source="Claude OAuth access tokens: sk-ant-oat01-",
        ),
        KeyFormat(
            label="Anthropic admin key",
            pattern=r"sk-ant-admin\d\d-[A-Za-z0-9_-]{20,}",
            source="Anthropic Admin API docs: sk-ant-admin01-",
        ),
    ),
    near_miss_key_vars=(
        "ANTHROPIC_KEY",
        "ANTHROPIC_APIKEY",
        "ANTHROPIC_TOKEN",
        "ANTHROPIC_API_TOKEN",
        "CLAUDE_API_KEY",
        "CLAUDE_KEY",
    ),
    near_miss_base_url_vars=("ANTHROPIC_API_BASE", "ANTHROPIC_API_URL"),
    hosts=("api.anthropic.com",),
    docs_url="https://docs.anthropic.com/en/api",
    key_page="https://console.anthropic.com/settings/keys",
    sources={
        "key_vars": _ANTHROPIC_SDK + ": ANTHROPIC_API_KEY, then "
        "ANTHROPIC_AUTH_TOKEN; an empty value counts as unset",
        "base_url_vars": _ANTHROPIC_SDK,
        "auth_style": "Anthropic API docs: x-api-key header; anthropic-python "
        "0.x sends X-Api-Key",
    },
)

GEMINI = ProviderSpec(
    name="gemini",
    title="Google Gemini API",
    sdk="google-genai",
    compatibility="gemini",
    key_vars=("GOOGLE_API_KEY", "GEMINI_API_KEY"),
    empty_key_falls_through=True,
    base_url_vars=("GOOGLE_GEMINI_BASE_URL",),
    default_base_url="https://generativelanguage.googleapis.com",
    extra_vars=(
        ExtraVariable(
            name="GOOGLE_GENAI_USE_VERTEXAI",
            role="mode",
            source="google-genai 3.6 (google/genai/_api_client.py): true sends "
            "requests to Vertex AI, which does not take these API keys the same way",
        ),
        ExtraVariable(
            name="GOOGLE_GENAI_API_VERSION",
            role="api_version",
            source="google-genai 3.6 (google/genai/_api_client.py)",
        ),
    ),
    auth_style="x-goog-api-key",
    key_formats=(
        KeyFormat(
            label="Google API key",
            pattern=r"AIza[A-Za-z0-9_-]{35}",
            source="Google Cloud API keys: AIza and 35 characters",
        ),
    ),
    near_miss_key_vars=(
        "GOOGLE_GENERATIVE_AI_API_KEY",
        "GOOGLE_AI_API_KEY",
        "GOOGLE_GEMINI_API_KEY",
        "GEMINI_KEY",
        "GOOGLE_KEY",
        "GEMINI_API_TOKEN",
    ),
    near_miss_base_url_vars=("GEMINI_BASE_URL", "GOOGLE_API_BASE"),
    hosts=("generativelanguage.googleapis.com",),
    docs_url="https://ai.google.dev/gemini-api/docs",
    key_page="https://aistudio.google.com/apikey",
    sources={
        "key_vars": "google-genai 3.6 (google/genai/_api_client.py "
        "get_env_api_key): GOOGLE_API_KEY or GEMINI_API_KEY",
        "base_url_vars": "google-genai 3.6 (google/genai/_base_url.py)",
        "near_miss_key_vars": "the Vercel AI SDK reads "
        "GOOGLE_GENERATIVE_AI_API_KEY; google-genai does not",
    },
)

MISTRAL = ProviderSpec(
    name="mistral",
    title="Mistral AI",
    sdk="mistralai",
    compatibility="mistral",
    key_vars=("MISTRAL_API_KEY",),
    default_base_url="https://api.mistral.ai",
    auth_style="bearer",
    key_formats=(
        KeyFormat(
            label="Mistral API key",
            pattern=r"[A-Za-z0-9]{32}",
            distinctive=False,
            source="Mistral console API keys: 32 letters and digits",
        ),
    ),
    near_miss_key_vars=(
        "MISTRAL_KEY",
        "MISTRALAI_API_KEY",
        "MISTRAL_AI_API_KEY",
        "MISTRAL_TOKEN",
    ),
    hosts=("api.mistral.ai", "codestral.mistral.ai"),
    docs_url="https://docs.mistral.ai/api/",
    key_page="https://console.mistral.ai/api-keys",
    sources={
        "key_vars": "mistralai 3.7 (mistralai/client/_hooks/"
        "service_account_auth.py): MISTRAL_API_KEY",
        "default_base_url": "mistralai 3.7 (server_url default)",
    },
)

GROQ = ProviderSpec(
    name="groq",
    title="Groq",
    sdk="groq",
    compatibility="openai",
    key_vars=("GROQ_API_KEY",),
    base_url_vars=("GROQ_BASE_URL",),
    default_base_url="https://api.groq.com",
    auth_style="bearer",
    key_formats=(
        KeyFormat(
            label="Groq API key",
            pattern=r"gsk_[A-Za-z0-9]{20,}",
            source="GroqCloud API keys: gsk_",
        ),
    ),
    near_miss_key_vars=("GROQ_KEY", "GROQ_APIKEY", "GROQ_TOKEN", "GROQCLOUD_API_KEY"),
    hosts=("api.groq.com",),
    docs_url="https://console.groq.com/docs/api-reference",
    key_page="https://console.groq.com/keys",
    sources={
        "key_vars": "groq-python 1.7 (groq/_client.py)",
        "base_url_vars": "groq-python 1.7 (groq/_client.py); the SDK appends "
        "/openai/v1 to each path",
    },
)

OPENROUTER = ProviderSpec(
    name="openrouter",
    title="OpenRouter",
    sdk="openai (base_url https://openrouter.ai/api/v1)",
    compatibility="openai",
    key_vars=("OPENROUTER_API_KEY",),
    default_base_url="https://openrouter.ai/api/v1",
    auth_style="bearer",
    key_formats=(
        KeyFormat(
            label="OpenRouter key",
            pattern=r"sk-or-v1-[0-9a-f]{64}",
            source="OpenRouter keys page: sk-or-v1- and 64 hex digits",
        ),
    ),
    near_miss_key_vars=("OPENROUTER_KEY", "OPEN_ROUTER_API_KEY", "OPENROUTER_TOKEN"),
    hosts=("openrouter.ai",),
    docs_url="https://openrouter.ai/docs/api-reference",
    key_page="https://openrouter.ai/settings/keys",
    sources={
        "key_vars": "OpenRouter quickstart: OPENROUTER_API_KEY with the openai "
        "SDK and base_url https://openrouter.ai/api/v1",
    },
)

DEEPSEEK = ProviderSpec(
    name="deepseek",
    title="DeepSeek",
    sdk="openai (base_url https://api.deepseek.com)",
    compatibility="openai",
    key_vars=("DEEPSEEK_API_KEY",),
    default_base_url="https://api.deepseek.com",
    auth_style="bearer",
    key_formats=(
        KeyFormat(
            label="DeepSeek API key",
            pattern=r"sk-[0-9a-f]{32}",
            source="DeepSeek platform API keys: sk- and 32 hex digits",
        ),
    ),
    near_miss_key_vars=("DEEPSEEK_KEY", "DEEP_SEEK_API_KEY", "DEEPSEEK_TOKEN"),
    hosts=("api.deepseek.com",),
    docs_url="https://api-docs.deepseek.com/",
    key_page="https://platform.deepseek.com/api_keys",
    sources={
        "key_vars": "DeepSeek API docs: the openai SDK with DEEPSEEK_API_KEY "
        "and base_url https://api.deepseek.com",
    },
)

TOGETHER = ProviderSpec(
    name="together",
    title="Together AI",
    sdk="together",
    compatibility="openai",
    key_vars=("TOGETHER_API_KEY",),
    base_url_vars=("TOGETHER_BASE_URL",),
    # NOTE: together-python 3.x defaults to https://api.together.ai and puts
    # /v1 in each path, so its TOGETHER_BASE_URL is an origin. The preflight
    # reads the base URL the OpenAI way, with /v1, as users of the openai SDK
    # set it for Together.
    default_base_url="https://api.together.xyz/v1",
    auth_style="bearer",
    key_formats=(
        KeyFormat(
            label="Together AI key",
            pattern=r"tgp_v1_[A-Za-z0-9_-]{20,}",
            source="Together AI API keys issued since 2025: tgp_v1_",
        ),
        KeyFormat(
            label="Together AI key",
            pattern=r"[0-9a-f]{64}",
            source="Together AI API keys issued before 2025: 64 hex digits",
        ),
    ),
    near_miss_key_vars=(
        "TOGETHERAI_API_KEY",
        "TOGETHER_AI_API_KEY",
        "TOGETHER_KEY",
        "TOGETHER_TOKEN",
    ),
    hosts=("api.together.xyz", "api.together.ai"),
    docs_url="https://docs.together.ai/reference",
    key_page="https://api.together.ai/settings/api-keys",
    sources={
        "key_vars": "together-python 3.1 (together/_client.py)",
        "near_miss_key_vars": "LiteLLM reads TOGETHERAI_API_KEY; the together "
        "SDK reads TOGETHER_API_KEY",
    },
)

XAI = ProviderSpec(
    name="xai",
    title="xAI",
    sdk="openai (base_url https://api.x.ai/v1)",
    compatibility="openai",
    key_vars=("XAI_API_KEY",),
    default_base_url="https://api.x.ai/v1",
    auth_style="bearer",
    key_formats=(
        KeyFormat(
            label="xAI API key",
            pattern=r"xai-[A-Za-z0-9]{40,}",
            source="xAI console API keys: xai- and 80 letters and digits",
        ),
    ),
    near_miss_key_vars=("XAI_KEY", "GROK_API_KEY", "X_AI_API_KEY", "XAI_TOKEN"),
    hosts=("api.x.ai",),
    docs_url="https://docs.x.ai/docs/api-reference",
    key_page="https://console.x.ai",
    sources={"key_vars": "xAI API docs and xai-sdk: XAI_API_KEY"},
)

OLLAMA = ProviderSpec(
    name="ollama",
    title="Ollama",
    sdk="ollama",
    compatibility="ollama",
    key_vars=("OLLAMA_API_KEY",),
    key_required=False,
    base_url_vars=("OLLAMA_HOST",),
    base_url_style="ollama_host",
    default_base_url="http://127.0.0.1:11434",
    auth_style="none",
    near_miss_base_url_vars=("OLLAMA_BASE_URL", "OLLAMA_URL", "OLLAMA_API_BASE"),
    hosts=("ollama.com",),
    docs_url="https://github.com/ollama/ollama/blob/main/docs/api.md",
    sources={
        "base_url_vars": "ollama-python 0.6 (ollama/_client.py _parse_host): "
        "OLLAMA_HOST as host, host:port or a URL; the scheme defaults to http "
        "and the port to 11434",
        "key_vars": "ollama-python 0.6: OLLAMA_API_KEY is sent as a bearer "
        "token, needed only for ollama.com",
    },
)

VLLM = ProviderSpec(
    name="vllm",
    title="vLLM",
    sdk="openai (base_url http://127.0.0.1:8000/v1)",
    compatibility="openai",
    key_vars=("VLLM_API_KEY",),
    key_required=False,
    default_base_url="http://127.0.0.1:8000/v1",
    auth_style="bearer",
    docs_url="https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html",
    sources={
        "key_vars": "vLLM OpenAI-compatible server: --api-key or VLLM_API_KEY "
        "turns on bearer authentication for /v1 paths; without it any key works",
        "default_base_url": "vllm serve listens on port 8000 by default",
    },
)

LITELLM = ProviderSpec(
    name="litellm",
    title="LiteLLM proxy",
    sdk="openai (base_url of the proxy)",
    compatibility="openai",
    key_vars=("LITELLM_PROXY_API_KEY", "LITELLM_API_KEY"),
    base_url_vars=("LITELLM_PROXY_API_BASE",),
    default_base_url="http://127.0.0.1:4000",
    auth_style="bearer",
    key_formats=(
        KeyFormat(
            label="LiteLLM virtual key",
            pattern=r"sk-[A-Za-z0-9_-]{16,}",
            distinctive=False,
            source="LiteLLM proxy: master and virtual keys start with sk-",
        ),
    ),
    near_miss_key_vars=("LITELLM_KEY", "LITELLM_PROXY_KEY", "LITELLM_MASTER_KEY"),
    near_miss_base_url_vars=(
        "LITELLM_BASE_URL",
        "LITELLM_PROXY_URL",
        "LITELLM_API_BASE",
    ),
    docs_url="https://docs.litellm.ai/docs/simple_proxy",
    sources={
        "key_vars": "LiteLLM litellm_proxy provider: LITELLM_PROXY_API_KEY and "
        "LITELLM_PROXY_API_BASE",
        "near_miss_key_vars": "LITELLM_MASTER_KEY configures the proxy server; "
        "clients send it but do not read that variable",
        "default_base_url": "litellm --port defaults to 4000",
    },
)

PROVIDERS: tuple[ProviderSpec, ...] = (
    OPENAI,
    AZURE_OPENAI,
    ANTHROPIC,
    GEMINI,
    MISTRAL,
    GROQ,
    OPENROUTER,
    DEEPSEEK,
    TOGETHER,
    XAI,
    OLLAMA,
    VLLM,
    LITELLM,
)
