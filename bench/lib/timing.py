"""Running one command as a whole process under GNU time, and the harness's messages."""

import os
import re
import signal
import subprocess
import sys
import threading
import time


def say(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def loud(message):
    bar = "!" * 72
    print(f"\n{bar}\nbench: {message}\n{bar}\n", file=sys.stderr, flush=True)


class BenchError(Exception):
    pass


class StepTimedOut(Exception):
    def __init__(self, seconds):
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


def timed_status(command, workdir, log_name, cwd=None, limit=None):
    """Runs a command under GNU time; returns (wall seconds, peak RSS in kB, stdout, stderr, exit status).

    A run still going after `limit` seconds is killed (with its process group)
    and raises StepTimedOut, so one pathological step cannot stall the benchmark.
    Its standard output and error are kept in WORKDIR/LOG_NAME.out and .err.
    """
    time_file = os.path.join(workdir, log_name + ".time")
    out_file = os.path.join(workdir, log_name + ".out")
    err_file = os.path.join(workdir, log_name + ".err")
    with open(out_file, "wb") as out, open(err_file, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(["/usr/bin/time", "-v", "-o", time_file] + command,
                                   stdout=out, stderr=err, cwd=cwd, start_new_session=True)
        # A blocking wait, with a timer to stop the run: Popen.wait(timeout=…) polls with sleeps that
        # grow to 50 ms, which rounded every wall time up to its next poll (a 20 ms lookup read 32 ms).
        stopped = threading.Event()

        def stop():
            stopped.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        timer = threading.Timer(limit, stop) if limit else None
        if timer:
            timer.start()
        returncode = process.wait()
        seconds = time.perf_counter() - start
        if timer:
            timer.cancel()
        if stopped.is_set():
            raise StepTimedOut(limit)
    stdout = open(out_file, encoding="utf-8", errors="replace").read()
    stderr = open(err_file, encoding="utf-8", errors="replace").read()
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(time_file).read())
    if not match:
        raise BenchError(f"/usr/bin/time -v gave no maximum resident set size for {command[0]}"
                         f" (exit status {returncode}):\n{(stdout + stderr)[-3000:]}")
    return seconds, int(match.group(1)), stdout, stderr, returncode


def timed(command, workdir, log_name, cwd=None, limit=None):
    """timed_status for a command that must exit 0; returns (wall seconds, peak RSS in kB, stdout)."""
    seconds, rss, stdout, stderr, returncode = timed_status(command, workdir, log_name, cwd=cwd, limit=limit)
    if returncode != 0:
        raise BenchError(f"{' '.join(command)} exited with status {returncode}:\n"
                         f"{(stdout + stderr)[-3000:]}")
    return seconds, rss, stdout
