"""A run interrupted by SIGINT, SIGTERM or SIGHUP ends by that signal and leaves nothing behind: not its
temporary output, not its lock, not a staging folder with the finished files in it, not the folders it
created; also when the signal comes while two threads are creating files in staging folders of their
own (as qda-import's do). Usage: check_interruption.py PROBE WORK_DIR"""
import os
import shutil
import signal
import subprocess
import sys
import time

probe, work = sys.argv[1], sys.argv[2]
failures = 0


def interrupt(sig, folder, busy, delay):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    run = subprocess.Popen([probe, folder] + (["busy"] if busy else []), stdout=subprocess.PIPE, text=True)
    ready = run.stdout.readline().strip()
    made = sorted(os.listdir(os.path.join(folder, "new", "deeper"))) if ready == "ready" else []
    time.sleep(delay)
    run.send_signal(sig)
    status = run.wait(timeout=10)
    left = sorted(os.listdir(folder))
    return ready == "ready" and status == -sig and left == [], made, status, left


for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    ok, made, status, left = interrupt(sig, os.path.join(work, sig.name), False, 0)
    staged = any(name.startswith(".stage.qda-tmp-") for name in made)
    loose = any(name.startswith(".loose.txt.qda-tmp-") for name in made)
    ok = ok and staged and loose and any(name.startswith(".out.csv.qda-tmp-") for name in made)
    print(f"{'PASS' if ok else 'FAIL'} {sig.name}: made {made}, exit {status}, left {left}")
    failures += not ok
    # Busy: the files being made at the signal, at several moments.
    for delay in (0.01, 0.05, 0.1, 0.2):
        ok, _, status, left = interrupt(sig, os.path.join(work, sig.name + "-busy"), True, delay)
        print(f"{'PASS' if ok else 'FAIL'} {sig.name} while creating files, after {delay} s: exit {status}, left {left[:5]}")
        failures += not ok
sys.exit(1 if failures else 0)
