"""``--trace FILE``: one JSON line per HTTP attempt, so a merchant sees exactly what was asked.

Lines hold ``ts``, ``channel``, ``method``, ``url`` (secrets removed), ``status``, ``attempt``,
``request_bytes``, ``response_bytes``, ``ms``, and for GraphQL the ``query`` (and ``variables``
when they hold no secret); replayed answers carry ``"replay": true``. Every string has passed
the channel's Redactor before it reaches this writer. One writer is shared by all channels,
so writes are serialised by a lock and flushed per line (a killed scan keeps its trace).
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any, TextIO


class TraceWriter:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._file: TextIO = self.path.open("w", encoding="utf-8")
        self._lock = threading.Lock()
        self.lines = 0

    def write(self, record: dict[str, Any]) -> None:
        record = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + f".{int(time.time() * 1000) % 1000:03d}Z",
                  **record}
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()
            self.lines += 1

    def close(self) -> None:
        with self._lock:
            self._file.close()
