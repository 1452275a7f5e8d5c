"""Service settings from the environment (prefix RJPLAN_), e.g. RJPLAN_DATABASE_URL."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./rjplan.sqlite"


class Settings(BaseSettings):
    """Everything the service reads from its environment, with safe defaults for a laptop."""

    model_config = SettingsConfigDict(env_prefix="RJPLAN_", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL; a SQLite file by default, or "
        "postgresql+psycopg://user@host:5432/db",
    )
    data_key: SecretStr | None = Field(
        default=None,
        description="Fernet keys of the personal details, comma-separated, the first encrypts "
        "(`rjplan db new-key`); unset: a key file beside a SQLite database, made on first use; "
        "required on PostgreSQL",
    )
    token_ttl_minutes: int = Field(default=8 * 60, ge=1, description="login token lifetime")
    login_lockout_minutes: int = Field(
        default=15,
        ge=1,
        le=24 * 60,
        description="the login lockout window: failed logins count this long, and a locked "
        "account or address may try again once its oldest failure in the window is older",
    )
    login_failures_per_account: int = Field(
        default=5,
        ge=1,
        le=1000,
        description="failed logins of one username within the window "
        "before that username is refused (429) until the window lets it",
    )
    login_failures_per_address: int = Field(
        default=20,
        ge=1,
        le=100_000,
        description="failed logins from one client address "
        "within the window before that address is refused (429)",
    )
    password_hashing_at_once: int = Field(
        default=2,
        ge=1,
        le=64,
        description="argon2 password hashes one process runs at a "
        "time (64 MiB each); more logins wait their turn",
    )
    solve_time_limit_s: float = Field(default=10.0, gt=0, le=600)
    solve_workers: int | None = Field(
        default=None,
        ge=1,
        le=64,
        description="CP-SAT workers of the allocation; unset: the allocator's measured default "
        "(1 on small models, 2 on large), as `rjplan allocate`",
    )
    solve_seed: int = Field(default=0, ge=0, le=2**31 - 1, description="CP-SAT's random seed")
    meetings_workers: int = Field(default=2, ge=1, le=64, description="the meetings planner's")
    travel_slack_percent: float = Field(
        default=0.0,
        ge=0,
        le=100,
        description="extra travel km (percent of the optimum) the allocator's own goals may "
        "spend on fair spread, road time, variety, mentoring and known pairs",
    )
    meetings_time_limit_s: float = Field(
        default=10.0, gt=0, le=600, description="the meetings planner's whole time budget"
    )
    scenario_jobs: int = Field(
        default=1, ge=1, le=16, description="scenario runs at a time, each in its own thread"
    )
    scenario_max_replicates: int = Field(
        default=200, ge=1, le=10_000, description="most replicates one scenario run may ask for"
    )
    max_body_bytes: int = Field(
        default=10_000_000,
        ge=1_000,
        le=1_000_000_000,
        description="the largest request body taken (413 beyond it); CSV uploads have their own "
        "limit of 5 MB below it",
    )
    default_policy: str = Field(default="essex-2018")
    load_demo_when_empty: bool = True
    demo_year: bool = Field(
        default=True,
        description="with the demo data, also the year of case files before today "
        "(scenarios.demo_year: 426 referrals, about 15 s of work, once)",
    )
    demo_scale: str = "essex"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)


def data_key_text(settings: Settings) -> str | None:
    """The data keys as text, for service.store.keys (never printed)."""
    return settings.data_key.get_secret_value() if settings.data_key else None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once from the environment."""
    return Settings()
