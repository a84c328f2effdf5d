"""The sandbox: operator credentials and the controls a developer uses to drive outcomes and time."""
