#!/usr/bin/env python3
"""Record what an interactive bash writes to its history file: this host's bash on a pseudo-terminal
(record.py), HOME a fresh directory holding the case's ~/.bashrc and, if any, the history file it
starts with. Prints one JSON list: each case's typed lines, the file before and after (null when
there is none), the file's mode after, and the lines `history` printed (numbered entries)."""
import json, os, re, shutil, subprocess, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
# Debian's root ~/.bashrc (base-files dot.bashrc: comments only, nothing about history); the
# history lines of Ubuntu's root ~/.bashrc (hamonikr/base-files share/dot.bashrc, see README.md)
DEBIAN_RC = open('/usr/share/base-files/dot.bashrc').read()
UBUNTU_RC = 'HISTCONTROL=ignoredups:ignorespace\nshopt -s histappend\nHISTSIZE=1000\nHISTFILESIZE=2000\n'
CASES = [
    ('exit', DEBIAN_RC, None, ['echo hi', 'exit']),
    ('ctrld-only', DEBIAN_RC, None, ['\\x04']),
    ('ctrld', DEBIAN_RC, None, ['echo x', '\\x04']),
    ('spaces-dups', DEBIAN_RC, None, [' echo spaced', 'echo a', 'echo a', '', '   ', 'echo  two   spaces  ', 'exit 3']),
    ('append', DEBIAN_RC, 'echo hi\nexit\n', ['echo two', 'exit']),
    ('joins', DEBIAN_RC, None, ['for i in 1 2', 'do echo $i', 'done', 'echo "a', 'b"', 'if true', 'then echo y', 'fi',
                                'echo b \\\\', 'c', 'f() {', 'echo f', '}', '{ echo g', '}', 'echo x && ', 'echo y',
                                'echo a |', 'cat', '(echo s', 'echo t)', 'exit']),
    ('heredoc', DEBIAN_RC, None, ['cat <<EOF', 'hello', 'EOF', 'exit']),
    ('truncate', DEBIAN_RC, ''.join(f'echo {i}\n' for i in range(1, 503)), ['echo new', 'exit']),
    ('histsize', DEBIAN_RC, 'old one\nold two\n', ['echo hi', 'history', 'history 2', 'HISTSIZE=3', 'history', 'exit']),
    ('set-o-history', DEBIAN_RC, None, ['echo a', 'set +o history', 'echo b', 'set -o history', 'echo c', 'history', 'exit']),
    ('set-o-history-off', DEBIAN_RC, None, ['echo a', 'set +o history', 'exit']),
    ('ubuntu', UBUNTU_RC, 'echo a\n', [' echo hidden', 'echo a', 'echo b', 'echo b', 'history', 'exit']),
]
out = []
for name, rc, before, typed in CASES:
    home = tempfile.mkdtemp(prefix='hist-')
    open(os.path.join(home, '.bashrc'), 'w').write(rc)
    hist = os.path.join(home, '.bash_history')
    if before is not None:
        open(hist, 'w').write(before)
        os.chmod(hist, 0o644)
    args = [sys.executable, os.path.join(HERE, 'record.py'), '--quiet', '0.7']
    for t in typed: args += ['--type', t]
    args += ['--', 'env', '-i', f'HOME={home}', 'TERM=xterm', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'bash']
    rec = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    after = open(hist).read() if os.path.exists(hist) else None
    mode = oct(os.stat(hist).st_mode & 0o7777) if after is not None else None
    listed = [l for l in re.sub(r'\x1b\[\?2004[hl]', '', rec['output']).replace('\r', '').split('\n') if re.match(r'^ {0,4}\d+  ', l)]
    # the lines as typed (record.py reads each item's backslash escapes), Ctrl-D kept as `\x04`
    typed = [t if t == '\\x04' else t.encode().decode('unicode_escape') for t in typed]
    out.append({'name': name, 'bashrc': 'ubuntu' if rc is UBUNTU_RC else 'debian', 'before': before, 'typed': typed,
                'after': after, 'mode': mode, 'history': listed, 'exit': rec['exit']})
    shutil.rmtree(home)
print(json.dumps(out, indent=1))
