#!/usr/bin/env python3
"""Record what an interactive busybox ash writes to its history file: BUSYBOX (the first argument,
a busybox binary) run as `sh` on a pseudo-terminal (record.py), HOME a fresh directory holding, for
some cases, the history file it starts with (mode 0644). Prints one JSON object: the busybox's
banner line and a list of cases, each with its typed lines, extra environment, the file before and
after (null when there is none), the file's mode after, the lines `history` printed (numbered
entries) and the exit status."""
import json, os, re, shutil, subprocess, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
BUSYBOX = os.path.abspath(sys.argv[1])
CASES = [
    # name, extra environment, history file before (None: none), typed
    ('exit', {}, None, ['echo hi', 'exit']),
    ('ctrld-only', {}, None, ['\\x04']),
    ('empty-lines', {}, None, ['', '   ', '\\x04']),
    ('ctrld', {}, None, ['echo x', '\\x04']),
    ('spaces-dups', {}, None, [' echo spaced', 'echo a', 'echo a', '', 'echo  two   spaces  ', 'echo a', 'history', 'exit 3']),
    ('lines', {}, None, ['if true', 'then echo y', 'fi', 'echo b \\\\', 'c', 'echo "a', 'b"', 'cat <<EOF', 'hello', 'EOF', 'history', 'exit']),
    ('append', {}, 'echo one\necho two\n', ['echo two', 'echo three', 'history', 'exit']),
    ('blank-lines-in-file', {}, 'one\n\ntwo\n', ['history', 'exit']),
    ('histfile-var', {}, None, ['echo "[$HISTFILE]"', 'unset HISTFILE', 'HISTFILE=/nonexistent/x', 'echo after', 'exit']),
    ('histfile-env', {'HISTFILE': '@HOME@/hist'}, None, ['echo "[$HISTFILE]"', 'exit']),
    ('histfilesize', {'HISTFILESIZE': '3'}, ''.join(f'echo {i}\n' for i in range(1, 13)), ['history', 'echo new', 'exit']),
    ('trim', {'HISTFILESIZE': '3'}, ''.join(f'echo {i}\n' for i in range(1, 12)), ['echo new', 'echo newer', 'history', 'exit']),
    ('stream', {}, None, ['echo a', 'history 2>/dev/null', 'history >/dev/null', 'exit']),
    ('max', {}, None, [f'echo {i}' for i in range(1, 21)] + ['history', 'exit']),
    ('histfilesize-zero', {'HISTFILESIZE': '0'}, 'one\ntwo\n', ['history', 'echo x', 'history', 'exit']),
]
out = []
banner = subprocess.run([BUSYBOX], capture_output=True, text=True).stdout.split('\n')[0]
for name, extra, before, typed in CASES:
    home = tempfile.mkdtemp(prefix='ashhist-')
    hist = os.path.join(home, '.ash_history')
    env = {k: v.replace('@HOME@', home) for k, v in extra.items()}
    if 'HISTFILE' in env: hist = env['HISTFILE']
    if before is not None:
        open(hist, 'w').write(before)
        os.chmod(hist, 0o644)
    args = [sys.executable, os.path.join(HERE, 'record.py'), '--quiet', '0.7']
    for t in typed: args += ['--type', t]
    args += ['--', 'env', '-i', f'HOME={home}', 'TERM=xterm', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']
    args += [f'{k}={v}' for k, v in env.items()] + [BUSYBOX, 'sh']
    rec = json.loads(subprocess.run(args, capture_output=True, text=True, check=True, cwd='/').stdout)
    after = open(hist).read() if os.path.exists(hist) else None
    mode = oct(os.stat(hist).st_mode & 0o7777) if after is not None else None
    listed = [l for l in rec['output'].replace('\r', '').split('\n') if re.match(r'^ {0,3}\d+ ', l)]
    shown = [l for l in rec['output'].replace('\r', '').split('\n') if l.startswith('[')]
    # the lines as typed (record.py reads each item's backslash escapes), Ctrl-D kept as `\x04`
    typed = [t if t == '\\x04' else t.encode().decode('unicode_escape') for t in typed]
    out.append({'name': name, 'env': {k: v.replace(home, '$HOME') for k, v in env.items()}, 'before': before, 'typed': typed,
                'after': after, 'mode': mode, 'history': listed, 'shown': [s.replace(home, '$HOME') for s in shown], 'exit': rec['exit']})
    shutil.rmtree(home)
print(json.dumps({'busybox': banner, 'cases': out}, indent=1))
