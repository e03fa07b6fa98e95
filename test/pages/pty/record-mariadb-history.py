#!/usr/bin/env python3
"""Record what an interactive MariaDB client writes to its history file: this host's MariaDB 10.11
client (Debian 12, linked with libedit) on a pseudo-terminal (record.py) against a throwaway
10.11 server (README.md, "MariaDB's history": root's password `secret`, a database `shop`),
HOME a fresh directory holding, for some cases, the history file it starts with (mode 0644) or a
link to /dev/null. Prints one JSON list: each case's typed lines, environment and arguments, the
file before and after (latin-1 characters for its bytes; null when there is none), its mode
after, whether it is still a link, the names in HOME after, the exit status and what the
terminal received (record.py's output)."""
import json, os, shutil, subprocess, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
SOCK = '/tmp/mysqlhist-srv/sock'
HIST = '_HiStOrY_V2_\n'
C = None  # no LANG: the C locale, as the mysql images run the client
U = 'C.UTF-8'  # the mariadb images' LANG
# name, file before (None: none; 'LINK': a link to /dev/null), typed, LANG, extra env, extra args
CASES = [
    ('exit', None, ['select 1;', 'exit'], U, {}, []),
    ('ctrld-only', None, ['\x04'], U, {}, []),
    ('ctrld', None, ['select 1;', '\x04'], U, {}, []),
    ('quit-forms', None, ['select 1;', 'quit', ], U, {}, []),
    ('q-backslash', None, ['select 2;', '\\q'], U, {}, []),
    ('exit-semicolon', None, ['select 3;', 'exit;'], U, {}, []),
    ('multi', None, ['select', '1;', 'select 2', '\x04'], U, {}, []),
    ('multi-indent', None, ['select', '   1,', '\t2;', '\x04'], U, {}, []),
    ('two', None, ['select 1; select 2;', 'select 1; select', '2;', '\x04'], U, {}, []),
    ('dups', None, ['select 1;', 'select 1;', 'select 2;', 'select 1;', '\x04'], U, {}, []),
    ('blank-space', None, ['', '   ', ' select 3;', 'select  4 ;  ', '\x04'], U, {}, []),
    ('comments', None, ['-- just a comment', '# hash comment', 'select 5; -- c', '/* c */ select 6;', '\x04'], U, {}, []),
    ('commands', None, ['use shop', 'select 1;', 'use shop', 'status', '\x04'], U, {}, []),
    ('clear', None, ['select', '1 \\c', 'select 2 \\c', '\x04'], U, {}, []),
    ('vertical', None, ['select 1\\G', 'select', '2\\G', '\x04'], U, {}, []),
    ('go', None, ['select 1 \\g', 'select', '2 \\g', '\x04'], U, {}, []),
    ('error', None, ['selec 1;', 'select nosuchcol;', '\x04'], U, {}, []),
    ('strings', None, ["select 'a b', \"c\\\\d\";", "select 'x", "y';", "select `id` from shop.items;", '\x04'], U, {}, []),
    ('string-semicolon', None, ["select ';';", "select 'a;", "b';", '\x04'], U, {}, []),
    ('secrets', None, ["select 'IDENTIFIED', 'password';", '\x04'], U, {}, []),
    ('utf8', None, ["select 'é';", '\x04'], U, {}, []),
    ('utf8-c', None, ["select 'é';", '\x04'], C, {}, []),
    ('c-locale', None, ['select 1;', '\x04'], C, {}, []),
    ('append', HIST + 'select\\0401;\nold\n', ['select 1;', 'select 2;', '\x04'], U, {}, []),
    ('append-plain', 'select 1;\nold\n', ['select 2;', '\x04'], U, {}, []),
    ('append-same-last', HIST + 'select\\0402;\n', ['select 2;', '\x04'], U, {}, []),
    ('many', HIST + ''.join(f'select\\040{i};\n' for i in range(1, 601)), ['select 7;', '\x04'], U, {}, []),
    ('histfile-env', None, ['select 1;', '\x04'], U, {'MYSQL_HISTFILE': 'HOME/other_history'}, []),
    ('histfile-devnull', None, ['select 1;', '\x04'], U, {'MYSQL_HISTFILE': '/dev/null'}, []),
    ('histfile-empty', None, ['select 1;', '\x04'], U, {'MYSQL_HISTFILE': ''}, []),
    ('link-devnull', 'LINK', ['select 1;', '\x04'], U, {}, []),
    ('no-home', None, ['select 1;', '\x04'], U, {'HOME': '/nonexistent'}, []),
    ('home-not-writable', None, ['select 1;', '\x04'], U, {'UID': '4242'}, []),
    ('wrong-password', None, [], U, {}, ['-pwrong']),
    ('execute', None, [], U, {}, ['-e', 'select 1']),
    ('batch', None, ['select 1;', '\x04'], U, {}, ['-B']),
    ('quick', None, ['select 1;', '\x04'], U, {}, ['-q']),
    ('database', None, ['select 1;', '\x04'], U, {}, ['shop']),
]
out = []
for name, before, typed, lang, extra, args in CASES:
    home = tempfile.mkdtemp(prefix='mariadbhist-')
    hist = os.path.join(home, '.mysql_history')
    if before == 'LINK':
        os.symlink('/dev/null', hist)
    elif before is not None:
        with open(hist, 'w', encoding='latin-1') as f: f.write(before)
        os.chmod(hist, 0o644)
    env = {'HOME': home, 'TERM': 'xterm', 'PATH': '/usr/bin:/bin'}
    if lang: env['LANG'] = lang
    for k, v in extra.items(): env[k] = v.replace('HOME', home) if k == 'MYSQL_HISTFILE' else v
    target = env.get('MYSQL_HISTFILE') or hist
    if extra.get('HOME'): target = os.path.join(extra['HOME'], '.mysql_history')
    argv = [sys.executable, '-W', 'ignore', os.path.join(HERE, 'record.py'), '--quiet', '0.7']
    # record.py reads backslash escapes in each item: a backslash is typed as two
    for t in typed: argv += ['--type', '\\x04' if t == '\x04' else t.replace('\\', '\\\\')]
    argv += ['--']
    if 'UID' in extra:
        # a user that may not write in HOME (root's 0755 directory), as `docker exec -u 4242` runs it
        os.chmod(home, 0o755)
        argv += ['setpriv', f'--reuid={extra["UID"]}', f'--regid={extra["UID"]}', '--clear-groups']
    argv += ['env', '-i'] + [f'{k}={v}' for k, v in env.items() if k != 'UID']
    argv += ['mariadb', '--no-defaults', '-S', SOCK, '-uroot'] + (args if '-pwrong' in args else ['-psecret'] + args)
    rec = json.loads(subprocess.run(argv, capture_output=True, text=True, check=True).stdout)
    exists = os.path.exists(target) and not os.path.islink(target) and target != '/dev/null'
    after = open(target, encoding='latin-1').read() if exists else None
    out.append({
        'name': name, 'lang': lang, 'env': {k: v.replace(home, 'HOME') for k, v in extra.items()}, 'args': args,
        'before': before, 'typed': ['\\x04' if t == '\x04' else t for t in typed],
        'after': after, 'mode': oct(os.stat(target).st_mode & 0o7777) if exists else None,
        'link': os.path.islink(hist), 'home': sorted(os.listdir(home)), 'exit': rec['exit'], 'output': rec['output'],
    })
    shutil.rmtree(home)
print(json.dumps(out, indent=1))
