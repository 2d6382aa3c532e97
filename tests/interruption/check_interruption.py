"""A run interrupted by SIGINT, SIGTERM or SIGHUP ends by that signal and leaves nothing behind: not its
temporary output, not its lock, not a staging folder with the finished files in it, not the folders it
created. Usage: check_interruption.py PROBE WORK_DIR"""
import os
import shutil
import signal
import subprocess
import sys

probe, work = sys.argv[1], sys.argv[2]
failures = 0
for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    folder = os.path.join(work, sig.name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    run = subprocess.Popen([probe, folder], stdout=subprocess.PIPE, text=True)
    ready = run.stdout.readline().strip()
    made = sorted(os.listdir(os.path.join(folder, "new", "deeper"))) if ready == "ready" else []
    run.send_signal(sig)
    status = run.wait(timeout=10)
    left = sorted(os.listdir(folder))
    staged = any(name.startswith(".stage.qda-tmp-") for name in made)
    loose = any(name.startswith(".loose.txt.qda-tmp-") for name in made)
    ok = ready == "ready" and status == -sig and left == [] and staged and loose and any(name.startswith(".out.csv.qda-tmp-") for name in made)
    print(f"{'PASS' if ok else 'FAIL'} {sig.name}: made {made}, exit {status}, left {left}")
    failures += not ok
sys.exit(1 if failures else 0)
