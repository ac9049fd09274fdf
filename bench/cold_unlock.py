"""Child process of the cold-unlock benchmark: import, unlock, close, unlock again.

Reads ``{"folder", "username", "password"}`` as JSON on stdin (so no password sits in the
process list) and prints the timings in seconds as JSON on stdout.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    request = json.loads(sys.stdin.read())
    start = time.perf_counter()
    from cmlentry.services.workspace import open_workspace

    imported = time.perf_counter()
    ws = open_workspace(Path(request["folder"]), request["username"], request["password"])
    first = time.perf_counter()
    ws.close()
    again = time.perf_counter()
    ws = open_workspace(Path(request["folder"]), request["username"], request["password"])
    second = time.perf_counter()
    ws.close()
    result = {
        "import": imported - start,
        "first_unlock": first - imported,
        "import_and_first_unlock": first - start,
        "second_unlock": second - again,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
