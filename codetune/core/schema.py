"""Base class for every config section: unknown fields are errors, every field documented."""

from pydantic import BaseModel, ConfigDict


class Section(BaseModel):
    """A config section. Unknown keys are rejected so a typo never silently does nothing."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, protected_namespaces=())
