#!/usr/bin/env python3
"""Record what an interactive psql writes to its history file: this host's psql 15.18 (Debian 12,
readline) on a pseudo-terminal (record.py) against a throwaway server (README.md, psql-*.json:
`initdb -U admin`, database `testdb`, socket in /tmp/pgrec, port 54329), HOME a fresh directory
holding, for some cases, the history file it starts with (mode 0644). Prints one JSON list: each
case's typed lines, the file before and after (null when there is none), its mode after, what
psql printed after the last prompt, and the exit status."""
import json, os, shutil, subprocess, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
CASES = [
    ('q', None, ['select 1;', '\\q']),
    ('ctrld', None, ['select 1;', '\x04']),
    ('ctrld-only', None, ['\x04']),
    ('multi', None, ['select', '1;', 'select 2', '\x04']),
    ('lines', None, ['\\dt', 'create table t (a int);', 'create table t (a int);', ' select 3;', '', '   ', '\\q']),
    ('two', None, ['select 1; select 2;', 'select 1; select', '2;', '-- just a comment', 'select 4; -- c', '\x04']),
    ('append', 'old\n', ['select 1;', '\\q']),
    ('truncate', ''.join(f'select {i};\n' for i in range(1, 601)), ['select 7;', '\\q']),
]
out = []
for name, before, typed in CASES:
    home = tempfile.mkdtemp(prefix='psqlhist-')
    hist = os.path.join(home, '.psql_history')
    if before is not None:
        open(hist, 'w').write(before)
        os.chmod(hist, 0o644)
    args = [sys.executable, '-W', 'ignore', os.path.join(HERE, 'record.py'), '--quiet', '0.7']
    # record.py reads backslash escapes in each item: a backslash is typed as two
    for t in typed: args += ['--type', '\\x04' if t == '\x04' else t.replace('\\', '\\\\')]
    args += ['--', 'env', '-i', f'HOME={home}', 'TERM=xterm', 'PATH=/usr/bin:/bin',
             'psql', '-h', '/tmp/pgrec', '-p', '54329', '-U', 'admin', '-d', 'testdb']
    rec = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    after = open(hist).read() if os.path.exists(hist) else None
    mode = oct(os.stat(hist).st_mode & 0o7777) if after is not None else None
    out.append({'name': name, 'before': before, 'typed': ['\\x04' if t == '\x04' else t for t in typed],
                'after': after, 'mode': mode, 'exit': rec['exit']})
    shutil.rmtree(home)
print(json.dumps(out, indent=1))
