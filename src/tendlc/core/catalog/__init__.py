"""Reference data of the registry: enumerations served by ``/v2/enum/…`` and used by the rules.

Values are data here, in one place, not literals scattered through the code.
"""
