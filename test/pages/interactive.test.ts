// A Markdown page's commands are typed at a terminal: `docker run -it` / `docker exec -it` sessions
// whose typed lines are the page's lines after the program's prompt. Expectations come from
// sessions recorded on a pseudo-terminal (test/pages/pty/README.md), compared as the screen shows
// them (src/pages/screen.ts).

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyboard, PTY_DIR as DIR, recording } from './pty/recordings.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText } from '../../src/pages/screen.ts';
import { checkPage } from '../../src/pages/session.ts';
import { formatPullMessages } from '../../src/image/pull.ts';



describe('busybox sh on a terminal (docker run -it, docker exec -it)', () => {
  // recorded on the oracle's engine, whose busybox is Debian's busybox-static 1.35 (its banner, the cursor question)
  for (const name of readdirSync(DIR).filter((n) => n.startsWith('ash-'))) {
    it(name, () => {
      const r = recording(name);
      const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true, busyboxStandIns: true });
      const argv = r.argv.slice(r.argv.indexOf('-H') + 2);
      if (argv[0] === 'exec') expect(d.run('docker run -d --name ptyx busybox sleep 600 >/dev/null').exitCode).toBe(0);
      const got = d.run(`docker ${argv.join(' ')}`, keyboard(r.typed));
      expect(screenText(got.output)).toBe(screenText(r.output));
      expect(got.exitCode).toBe(r.exit);
    });
  }
});

describe('psql on a terminal (the postgres stand-in)', () => {
  // the host's psql is 15.18 from Debian; the stand-in's banner names its own image's version
  const screen = (text: string): string[] => screenText(text).split('\n').slice(1);
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  d.loadImages(['postgres:16-alpine']);
  d.run('docker run -d --name db -e POSTGRES_USER=admin -e POSTGRES_PASSWORD=secret -e POSTGRES_DB=testdb postgres:16-alpine');
  for (const name of ['psql-tutorial-q.json', 'psql-select-ctrld.json', 'psql-continue.json']) {
    it(name, () => {
      const r = recording(name);
      const got = d.run('docker exec -it db psql -U admin -d testdb', keyboard(r.typed));
      expect(screen(got.output)).toEqual(screen(r.output));
      expect(screenText(got.output).split('\n')[0]).toMatch(/^psql \(16\.\d+\)$/);
      expect(screenText(r.output).split('\n')[0]).toMatch(/^psql \(15\.\d+ \(Debian [^)]+\)\)$/);
      expect(got.exitCode).toBe(r.exit);
    });
  }
});

describe("busybox:latest's sh on a terminal in a normal install (busybox-defconfig-exit.json: busybox built with its defconfig, as docker-library builds it)", () => {
  it('no banner and no cursor question (FEATURE_SH_EXTRA_QUIET=y, FEATURE_EDITING_ASK_TERMINAL=n): the bytes the recording shows', () => {
    const r = recording('busybox-defconfig-exit.json');
    const got = new SimulatedDocker({ engine: 'docker-26.1', terminal: true }).run('docker run --rm -it busybox sh', keyboard(r.typed));
    expect(got.output).toBe(r.output);
    expect(got.exitCode).toBe(r.exit);
  });
  // the real image's own files (record-busybox-latest.sh: the rootfs of the very layer strata's
  // busybox:latest names, its own busybox and glibc run in a chroot): the same screens, and the
  // history file it writes as it reads each line
  for (const name of readdirSync(DIR).filter((n) => n.startsWith('busybox-latest-'))) {
    it(`${name}: the real busybox:latest's own sh, byte for byte`, () => {
      const r = recording(name);
      const got = new SimulatedDocker({ engine: 'docker-26.1', terminal: true }).run('docker run --rm -it busybox sh', keyboard(r.typed));
      expect(got.output).toBe(r.output);
      expect(got.exitCode).toBe(r.exit);
    });
  }
});

describe('-t without -i and -i without -t on a terminal', () => {
  it('docker run -t: no error, the output through the container terminal', () => {
    const r = recording('docker-run-t-echo.json');
    const got = new SimulatedDocker({ engine: 'docker-26.1', terminal: true }).run('docker run --rm -t busybox echo hi', keyboard([]));
    expect(screenText(got.output)).toBe(screenText(r.output));
    expect(got.exitCode).toBe(r.exit);
  });
  it('docker run -i: no error (only -i with -t checks the terminal)', () => {
    const got = new SimulatedDocker({ engine: 'docker-26.1', terminal: true }).run('docker run --rm -i busybox echo hi', keyboard([]));
    expect(got.output).toBe('hi\n');
  });
  it('a pipe as stdin is no terminal: docker says so', () => {
    const got = new SimulatedDocker({ engine: 'docker-26.1', terminal: true }).run('echo x | docker run --rm -it busybox sh', keyboard(['echo hi']));
    expect(got.output).toBe('the input device is not a TTY\n');
    expect(got.exitCode).toBe(1);
  });
});

describe('pages', () => {
  const page = (body: string, opts = ''): string => `# T\n\n${opts}\`\`\`console\n${body}\`\`\`\n\nText after.\n`;
  const run = (text: string, busyboxStandIns = false): ReturnType<typeof checkPage> => checkPage(text, 'p.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true, busyboxStandIns }));
  const session = '$ docker pull busybox\n$ docker run --rm -it busybox sh\n/ # echo hi\n/ # cd /tmp\n/tmp # exit\n';

  it('the typed lines stay, the output around them is filled in, and a second update changes nothing', () => {
    const once = run(page(session)).updated;
    // busybox:latest's own busybox prints no banner (busybox-defconfig-exit.json)
    expect(once).toContain('Status: Image is up to date for busybox:latest\ndocker.io/library/busybox:latest\n$ docker run --rm -it busybox sh\n/ # echo hi\nhi\n/ # cd /tmp\n/tmp # exit\n');
    const twice = run(once);
    expect(twice.passed).toBe(true);
    expect(twice.updated).toBe(once);
  });

  it("with the oracle's busybox (--busybox-stand-ins) the banner the recordings show", () => {
    const once = run(page(session), true).updated;
    expect(once).toContain("\n\nBusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) built-in shell (ash)\nEnter 'help' for a list of built-in commands.\n\n/ # echo hi\nhi\n/ # cd /tmp\n/tmp # exit\n");
    expect(run(once, true).passed).toBe(true);
  });

  it('a prompt alone on the last line is Ctrl-D, and stays one line', () => {
    const once = run(page('$ docker run --rm -it busybox sh\n/ # \n')).updated;
    expect(once.endsWith("/ # \n```\n\nText after.\n")).toBe(true);
    expect(run(once).passed).toBe(true);
  });

  it('alpine sh shows no banner (Alpine builds busybox with FEATURE_SH_EXTRA_QUIET)', () => {
    const out = run(page('$ docker run --rm -it alpine sh\n/ # exit\n')).updated;
    expect(out).toMatch(/Status: Downloaded newer image for alpine:latest\n\/ # exit\n```/);
  });

  it('tty=no: the commands run without a terminal, as in a scenario', () => {
    const out = run(page('$ docker run --rm -it busybox sh\n/ # exit\n', '<!-- strata tty=no -->\n\n')).updated;
    expect(out).toContain('$ docker run --rm -it busybox sh\nthe input device is not a TTY\n```');
  });

  it('tty=no after the first block is the next block\'s only', () => {
    const text = `# T\n\n\`\`\`console\n$ true\n\`\`\`\n\n<!-- strata tty=no -->\n\n\`\`\`console\n$ docker run --rm -it busybox sh\n\`\`\`\n\n\`\`\`console\n$ docker run --rm -it busybox sh\n/ # exit\n\`\`\`\n`;
    const out = run(text).updated;
    expect(out).toContain('$ docker run --rm -it busybox sh\nthe input device is not a TTY\n```');
    expect(out).toContain('$ docker run --rm -it busybox sh\n/ # exit\n```');
    // and tty=yes in a tty=no page
    const back = run(`<!-- strata tty=no -->\n\n${text.replace('<!-- strata tty=no -->', '<!-- strata tty=yes -->')}`).updated;
    expect(back).toContain('$ docker run --rm -it busybox sh\n/ # \n```');
    expect(back.endsWith('$ docker run --rm -it busybox sh\nthe input device is not a TTY\n```\n')).toBe(true);
  });

  it("Ubuntu's interactive bash: the page shows its screen, the window title root's .bashrc sets is not on it (bash-ubuntu-exit.json)", () => {
    // the recorded session's screen, its host name (a container ID's 12 digits) another container's
    const lines = screenText(recording('bash-ubuntu-exit.json').output).replaceAll('4b1c2d3e5f60', '0123456789ab');
    const text = (screen: string): string => page(`$ docker run --rm -it ubuntu bash\n${screen}`, '<!-- strata images=ubuntu -->\n');
    const r = run(text(lines));
    const host = /root@([0-9a-f]{12}):\/# echo hi\n/.exec(r.updated)?.[1];
    expect(host).toBeDefined();
    expect(r.updated).toBe(text(lines.replaceAll('0123456789ab', host!)));
    expect(run(r.updated).passed).toBe(true);
  });
});

describe('docker pull on a terminal (moby pkg/jsonmessage)', () => {
  it("shows each layer's last status on its own line, with the space before the empty progress bar", () => {
    const text = formatPullMessages(
      [
        { id: 'latest', status: 'Pulling from library/x' },
        { id: 'aaa', status: 'Already exists', layer: true },
        { id: 'bbb', status: 'Pulling fs layer', layer: true },
        { id: 'ccc', status: 'Pulling fs layer', layer: true },
        { id: 'ccc', status: 'Waiting', layer: true },
        { id: 'bbb', status: 'Download complete', layer: true },
        { id: 'bbb', status: 'Pull complete', layer: true },
        { id: 'ccc', status: 'Pull complete', layer: true },
        { status: 'Digest: sha256:d' },
      ],
      true,
    );
    expect(screenText(text)).toBe('latest: Pulling from library/x\naaa: Already exists \nbbb: Pull complete \nccc: Pull complete \nDigest: sha256:d\n');
  });
});
