#!/usr/bin/env python3
"""Record a PTY session: run ARGV on a pseudo-terminal, wait for output to go quiet, type each
line of --type (a "\\x04" item is Ctrl-D), and print everything the terminal received as a JSON
string (exact bytes, latin-1) plus the exit status."""
import os, pty, sys, select, time, json, argparse, struct, fcntl, termios
ap = argparse.ArgumentParser()
ap.add_argument('--type', action='append', default=[])
ap.add_argument('--quiet', type=float, default=1.5)
ap.add_argument('--env', action='append', default=[])
ap.add_argument('argv', nargs='+')
a = ap.parse_args()
pid, fd = pty.fork()
if pid == 0:
    for e in a.env:
        k, v = e.split('=', 1); os.environ[k] = v
    os.environ['TERM'] = 'xterm'
    os.execvp(a.argv[0], a.argv)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
out = b''
def drain(quiet):
    global out
    last = time.time()
    while True:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try: d = os.read(fd, 65536)
            except OSError: return False
            if not d: return False
            out += d; last = time.time()
            # answer a cursor-position request as a terminal does
            if b'\x1b[6n' in d: os.write(fd, b'\x1b[1;1R')
        elif time.time() - last > quiet:
            return True
drain(a.quiet)
for t in a.type:
    t = t.encode().decode('unicode_escape').encode('latin-1')
    os.write(fd, t if t == b'\x04' else t + b'\r')
    if not drain(a.quiet): break
drain(a.quiet)
try:
    _, st = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(st)
except ChildProcessError:
    code = None
print(json.dumps({'argv': a.argv, 'typed': a.type, 'output': out.decode('latin-1'), 'exit': code}, indent=1))
