"""JMdict look-ups: English glosses of a Japanese word, and whether a katakana word is an ordinary word.

The dictionary is JMdict as compiled by the ``jamdict-data`` package (an
SQLite file of about 310 MB, installed once). We query that file directly
with ``sqlite3``, read-only, rather than through ``jamdict.Jamdict.lookup``:
the lookup builds whole entry objects and took 1–35 ms a word here, the
indexed query below about 0.03 ms (measured on this project's machine).
The connection is opened on first use, so a pipeline that never needs the
dictionary never touches the file, and answers are cached per word.

Where ``jamdict-data`` is not installed (or ``GUNJI_NO_DICTIONARY`` is set)
every answer is empty/False and ``available()`` says so; callers then fall
back to their cheaper rules.
"""
from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
from functools import lru_cache
from typing import FrozenSet, Optional

logger = logging.getLogger(__name__)

_GLOSS_SQL = {
    table: (f"SELECT g.text FROM {table} k JOIN Sense s ON s.idseq = k.idseq "
            "JOIN SenseGloss g ON g.sid = s.ID WHERE k.text = ? AND +g.lang = 'eng'")  # +: skip the lang index
    for table in ("Kanji", "Kana")
}
_KANA_SQL = "SELECT 1 FROM Kana WHERE text = ? LIMIT 1"
_PARENS = re.compile(r"\([^)]*\)")

_lock = threading.Lock()
_conn: Optional[sqlite3.Connection] = None
_pid = 0  # the process that opened _conn: a forked worker (nlp.pipe(n_process=2)) opens its own
_failed = False


def _db_path() -> Optional[str]:
    if os.environ.get("GUNJI_NO_DICTIONARY"):  # measure or run without the dictionary rules
        return None
    try:
        from jamdict_data import JAMDICT_DB_PATH
    except ImportError:
        return None
    return JAMDICT_DB_PATH


def _connection() -> Optional[sqlite3.Connection]:
    """The read-only JMdict connection, opened once per process (after a fork too: sqlite3
    connections must not cross processes, so a worker opens its own)."""
    global _conn, _failed, _pid
    if _failed or (_conn is not None and _pid == os.getpid()):
        return _conn
    with _lock:
        if _conn is not None and _pid != os.getpid():
            _conn = None  # inherited through fork: SQLite connections must not cross processes
        if _conn is None and not _failed:
            _pid = os.getpid()
            path = _db_path()
            try:
                if path is None:
                    raise FileNotFoundError("jamdict-data is not installed")
                _conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                _conn.execute("SELECT 1 FROM Kana LIMIT 1")
            except (sqlite3.Error, FileNotFoundError) as err:
                logger.warning("JMdict unavailable (%s); dictionary rules are off", err)
                _conn, _failed = None, True
    return _conn


def available() -> bool:
    """Whether the JMdict database can be read."""
    return _connection() is not None


@lru_cache(maxsize=65536)
def glosses(word: str) -> FrozenSet[str]:
    """Lower-cased English glosses of ``word`` as a headword (kanji or kana), parentheses dropped.

    ``決戦`` → ``{"decisive battle", "deciding match", "play-off"}``; unknown words give ``frozenset()``.
    """
    conn = _connection()
    if conn is None or not word:
        return frozenset()
    out = set()
    with _lock:
        for sql in _GLOSS_SQL.values():
            for (text,) in conn.execute(sql, (word,)):
                text = _PARENS.sub("", text).strip().lower()
                if text:
                    out.add(text)
    return frozenset(out)


@lru_cache(maxsize=65536)
def is_ordinary_word(kana: str) -> bool:
    """Whether a katakana word is a JMdict headword (``ブログ``, ``システム``, ``ルーブル``, ``ゾウ``).

    JMdict is a dictionary of the general vocabulary plus well-known places
    (``ワシントン``, ``ノルウェー``): either way the word is not an unknown
    spelling of a name in the news, so sound alone must not file it under one.
    """
    conn = _connection()
    if conn is None or not kana:
        return False
    with _lock:
        return conn.execute(_KANA_SQL, (kana,)).fetchone() is not None
