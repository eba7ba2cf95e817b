"""What the quick exit does before it forgets the session: hooks that the apps register.

The exit (`victims_service.views.quick_exit`) must work whatever apps are installed, so it
knows none of them. An app that keeps something about the person outside the session (the
complaint journey's unsent uploads, on disk) registers a hook in its `AppConfig.ready()`;
each hook gets the session before it is flushed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.sessions.backends.base import SessionBase

Hook = Callable[[SessionBase], None]

_hooks: list[Hook] = []


def on_quick_exit(hook: Hook) -> Hook:
    """Run `hook(session)` on every quick exit. Registering the same hook twice runs it once."""
    if hook not in _hooks:
        _hooks.append(hook)
    return hook


def quick_exit_hooks_run(session: SessionBase) -> None:
    """Run every registered hook. One that fails stops the exit's clean-up, not the exit."""
    for hook in list(_hooks):
        hook(session)
