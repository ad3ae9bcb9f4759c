"""Not a test module: a pytest plugin the mutation run loads (``[tool.mutmut] pytest_add_cli_args`` in
pyproject.toml) so the bundled rosters are read once, before mutmut forks one process per mutant, rather than
once per mutant. Only loaders run here, never the mutated statistics."""

import cabinet

for _name in ("taliban-2021", "republic-2021", "taliban-latest"):
    cabinet.load_named_roster(_name)
cabinet.load_roster()
