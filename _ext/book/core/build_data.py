"""What an extension loads when a build starts, kept on the build environment for that
build only, one accessor each::

    FACTS_DATA = BuildData("facts_data", loaded_by="facts.load, at builder-inited")
    FACTS_DATA.keep(app.env, load_facts(...))  # builder-inited
    FACTS_DATA.of(self.env)                    # in a directive, role or handler

Not on ``app``: reading it back through the environment is a link Sphinx deprecates
(sphinx-doc/sphinx#13627).  The box pickles empty (Sphinx pickles the environment after
reading and in parallel reads): the data is loaded again when the next build starts."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from sphinx.errors import ExtensionError

T = TypeVar("T")


class _ThisBuildOnly:
    """A value that pickles as nothing (an empty box when unpickled)."""

    __slots__ = ("value",)

    def __init__(self, value: Any = None) -> None:
        self.value = value

    def __reduce__(self) -> tuple[type, tuple[()]]:
        return (_ThisBuildOnly, ())


class BuildData(Generic[T]):
    """``env.<attribute>``: one thing loaded for this build, not pickled; ``loaded_by``
    (who sets it, when) is named in the error when it is read too early."""

    def __init__(self, attribute: str, loaded_by: str) -> None:
        self.attribute, self.loaded_by = attribute, loaded_by

    def keep(self, env: Any, value: T) -> T:
        """Keep ``value`` on the environment for the rest of this build."""
        setattr(env, self.attribute, _ThisBuildOnly(value))
        return value

    def get(self, env: Any) -> T | None:
        """The value, or None when it is not loaded (yet) in this build."""
        box = getattr(env, self.attribute, None)
        return box.value if isinstance(box, _ThisBuildOnly) else None

    def of(self, env: Any) -> T:
        """The value; an error naming the loader when it is not loaded."""
        value = self.get(env)
        if value is None:
            raise ExtensionError(
                f"env.{self.attribute} is read before it is set ({self.loaded_by}); "
                "an extension that reads it sets up the one that sets it first "
                "(app.setup_extension)"
            )
        return value
