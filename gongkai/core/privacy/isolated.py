"""One file scanned with a hard time and memory budget, in a child process (issue 4).

:func:`scan_file` extracts and scans one file in this process: the findings of
``scan_segments(extract_file(path))``, with the unreadable parts in their place, but plain
text is read through ``scanner.line_selector``: the compiled line pass finds what most lines
hold itself, and lines that cannot hold a finding are never made into segments.

:func:`scan_file_isolated` runs :func:`scan_file` in a child process whose address space is
limited (``RLIMIT_AS``) and which is killed at the wall-clock deadline. Results come back in
batches as they are found; whatever came before a kill, a ``MemoryError`` or a crash is kept,
and the end is one :class:`Unreadable` saying what happened — never a hang, a traceback or a
silent pass. The budget covers what the in-process check between segments cannot: one long
library call (a pathological PDF page, a huge shared-strings table).

Plain Python (no Django). The child is forked (``fork`` start method, POSIX only), so it
needs no import of its own and starts in a few milliseconds; it runs no Django code and
touches no database connection.
"""

import contextlib
import gc
import math
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import TypeAlias, TypeVar

from gongkai.core.privacy.extract import DEFAULT_LIMITS, ScanLimits, Unreadable, _extract_file
from gongkai.core.privacy.scanner import Finding, Found, line_selector, scan_segment

Result: TypeAlias = Finding | Unreadable
T = TypeVar("T")

BATCH = 500  # results per message from the child
_FLUSH_SECONDS = 0.2  # a batch is sent at least this often while results come
# The child makes hundreds of thousands of small objects (a 100,000-row list gives 500,000
# findings); with the default threshold (700) the collector traverses them over and over, a
# quarter of the time. The child is short-lived and its memory is capped, so it collects the
# young generation every 100,000 allocations instead (docs/benchmarks.md, "Privacy scanner").
CHILD_GC_THRESHOLD = (100_000, 50, 100)


def scan_file(
    path: str | os.PathLike[str],
    *,
    terms: Sequence[str] = (),
    limits: ScanLimits = DEFAULT_LIMITS,
) -> Iterator[Result]:
    """Findings and unreadable parts of one file, in the order the extractors meet them."""
    select = line_selector(terms)
    for item in _extract_file(path, limits, select):
        if isinstance(item, Unreadable):
            yield item
        elif isinstance(item, Found):
            yield from item.findings
        else:
            yield from scan_segment(item, terms=terms)


def time_exceeded(seconds: float) -> Unreadable:
    return Unreadable(
        f"超出时间限制 (time budget exceeded: {seconds:g} s; the rest is unread, "
        "needs manual review)"
    )


def memory_exceeded(memory_bytes: int) -> Unreadable:
    return Unreadable(
        f"超出内存限制 (memory budget exceeded: {memory_bytes / 2**20:,.0f} MB; the rest is "
        "unread, needs manual review)"
    )


def crashed(detail: str) -> Unreadable:
    return Unreadable(f"扫描进程异常退出 (the scanning process ended abnormally: {detail})")


def scan_file_isolated(
    path: str | os.PathLike[str],
    *,
    terms: Sequence[str] = (),
    limits: ScanLimits = DEFAULT_LIMITS,
    seconds: float = 60.0,
    memory_bytes: int = 1 << 30,
) -> Generator[Result, None, None]:
    """:func:`scan_file` in a child process limited to ``seconds`` of wall-clock time and
    ``memory_bytes`` of address space beyond what it has when forked (``RLIMIT_AS``: the
    interpreter and what the parent had loaded are not counted against the budget).

    Results are yielded as the child sends them. Over time, the child is killed and the last
    result is ``超出时间限制 (time budget exceeded …)``; out of memory, ``超出内存限制 (memory
    budget exceeded …)``; any other death, ``扫描进程异常退出 (…)``. The deadline counts while
    the caller holds the generator too: consume it promptly, or close it (which kills the
    child).
    """
    path = os.fspath(path)
    terms = tuple(terms)
    return run_isolated(
        lambda: scan_file(path, terms=terms, limits=limits),
        seconds=seconds,
        memory_bytes=memory_bytes,
    )


def run_isolated(
    work: Callable[[], Iterable[T]], *, seconds: float, memory_bytes: int
) -> Generator[T | Unreadable, None, None]:
    """What ``work()`` yields, computed in a forked child under the same budget as
    :func:`scan_file_isolated`, ending with one :class:`Unreadable` if the budget ran out or
    the child died. ``work`` is not pickled (the child is a fork); what it yields must be."""
    if seconds <= 0 or memory_bytes <= 0:
        raise ValueError("seconds and memory_bytes must be positive")
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(sender, work, memory_bytes, seconds),
        # Killed with the parent; a daemonic parent (a pool worker) may not have daemons.
        daemon=not multiprocessing.current_process().daemon,
    )
    deadline = time.monotonic() + seconds
    child.start()
    sender.close()
    finished = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not receiver.poll(left):
                yield time_exceeded(seconds)
                return
            try:
                message = receiver.recv()
            except (EOFError, OSError):
                child.join(1.0)
                yield crashed(_exit_detail(child.exitcode))
                return
            kind, payload = message
            if kind == "results":
                yield from payload
            elif kind == "memory":
                yield memory_exceeded(memory_bytes)
                finished = True
                return
            elif kind == "error":
                yield crashed(payload)
                finished = True
                return
            else:  # "done"
                finished = True
                return
    finally:
        receiver.close()
        if child.is_alive():
            if finished:
                child.join(1.0)
            if child.is_alive():
                child.kill()
        child.join()


def _exit_detail(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


def _child(
    sender: Connection,
    work: Callable[[], Iterable[object]],
    memory_bytes: int,
    seconds: float,
) -> None:
    """The child: limit the address space, work, send results in batches, then "done"."""
    batch: list[object] = []
    try:
        gc.freeze()  # what the parent had loaded is not the child's to traverse
        gc.set_threshold(*CHILD_GC_THRESHOLD)
        _limit_memory(memory_bytes)
        # A backstop should the parent die without killing it: CPU time never exceeds the
        # wall-clock time the parent allows.
        _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        cpu = math.ceil(seconds) + 1
        if hard == resource.RLIM_INFINITY or cpu < hard:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, hard))
        sent = time.monotonic()
        for result in work():
            batch.append(result)
            if len(batch) >= BATCH or time.monotonic() - sent > _FLUSH_SECONDS:
                sender.send(("results", batch))
                batch, sent = [], time.monotonic()
        sender.send(("results", batch))
        sender.send(("done", None))
    except MemoryError:
        # What the failed call held is freed by now: the results found so far go first.
        _send_last(sender, ("results", batch))
        _send_last(sender, ("memory", None))
    except BaseException as exc:  # never the message: it could quote the content
        _send_last(sender, ("error", type(exc).__name__))
    finally:
        sender.close()
        os._exit(0)  # no atexit handlers, no flushing of the parent's buffers


def _limit_memory(memory_bytes: int) -> None:
    # The address space the child already has counts: the limit is what it may add.
    current = _address_space()
    limit = current + memory_bytes if current else memory_bytes
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _send_last(sender: Connection, message: tuple[str, object]) -> None:
    with contextlib.suppress(OSError, MemoryError, ValueError):
        sender.send(message)
