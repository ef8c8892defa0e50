"""The one timing helper of the ingest peer scripts (peers.py, ftm_peers.py): run a parse, report wall and CPU
seconds and MB/s of CPU for the file."""
import os
import time


def timed(name, path, unit, run):
    """Runs `run()` (which returns how many `unit`s it read) and prints one line for `path`."""
    size = os.path.getsize(path)
    start, cpu = time.perf_counter(), time.process_time()
    count = run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{name}: {seconds:.2f} s wall, {cpu:.2f} s CPU, {size / 1e6 / cpu:.0f} MB/s of CPU, {count} {unit}")
