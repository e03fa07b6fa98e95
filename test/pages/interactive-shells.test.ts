// Interactive bash and dash on a terminal (a page's `docker run -it debian bash`, `docker exec -it
// db bash`, `docker run -it debian sh`): expectations from real bash 5.2.15 and dash 0.5.12 recorded
// on a pseudo-terminal as the images start them (test/pages/pty/README.md), compared as the screen
// shows them (src/pages/screen.ts) and byte for byte where strata writes the same controls.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyboard, PTY_DIR as DIR, recording } from './pty/recordings.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText, ScreenNotSimulated } from '../../src/pages/screen.ts';
import { checkPage } from '../../src/pages/session.ts';

/** The host name the recordings' shells had (container-shell.sh's first argument), as a container ID's first 12 digits. */
const HOST = '4b1c2d3e5f60';


/** A session of `docker run -it` on the reader's terminal: what it wrote (the container's terminal's "\r\n" as the recording has them) and its status. */
function session(command: string, typed: readonly string[]): { output: string; exitCode: number } {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  d.loadImages(['debian:bookworm']);
  return d.run(command, keyboard(typed));
}

describe('bash on a terminal in a Debian image (docker run -it debian:bookworm bash)', () => {
  for (const name of readdirSync(DIR).filter((n) => n.startsWith('bash-debian-'))) {
    it(name, () => {
      const r = recording(name);
      const got = session(`docker run --rm -it --hostname ${HOST} debian:bookworm bash`, r.typed);
      expect(got.output.replace(/\r?\n/g, '\r\n')).toBe(r.output);
      expect(screenText(got.output)).toBe(screenText(r.output));
      expect(got.exitCode).toBe(r.exit);
    });
  }
});

describe("bash on a terminal in an Ubuntu image (docker run -it ubuntu bash): root's .bashrc titles the window", () => {
  const ubuntu = (image: string, command: string, typed: readonly string[]): { output: string; exitCode: number } => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages([image]);
    return d.run(command, keyboard(typed));
  };
  for (const image of ['ubuntu:22.04', 'ubuntu:24.04', 'ubuntu:latest']) {
    for (const name of ['bash-ubuntu-exit.json', 'bash-ubuntu-ctrld.json']) {
      it(`${image}: ${name}, byte for byte`, () => {
        const r = recording(name);
        const got = ubuntu(image, `docker run --rm -it --hostname ${HOST} ${image} bash`, r.typed);
        expect(got.output.replace(/\r?\n/g, '\r\n')).toBe(r.output);
        expect(got.exitCode).toBe(r.exit);
      });
    }
  }
  it('GNU ls in colour (the alias ls --color=auto) shows the same screen (bash-ubuntu-ls.json)', () => {
    const r = recording('bash-ubuntu-ls.json');
    const got = ubuntu('ubuntu:24.04', `docker run --rm -it --hostname ${HOST} ubuntu:24.04 bash`, r.typed);
    expect(screenText(got.output)).toBe(screenText(r.output));
    expect(got.exitCode).toBe(r.exit);
  });
  it('docker exec -it into a running ubuntu container is the same session', () => {
    const r = recording('bash-ubuntu-exit.json');
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages(['ubuntu:22.04']);
    expect(d.run(`docker run -d --name ubu --hostname ${HOST} ubuntu:22.04 sleep 600`).exitCode).toBe(0);
    const got = d.run('docker exec -it ubu bash', keyboard(r.typed));
    expect(got.output.replace(/\r?\n/g, '\r\n')).toBe(r.output);
  });
  it("with a TERM that is not xterm's (-e TERM=dumb) there is no title: the recording less its title controls", () => {
    const r = recording('bash-ubuntu-exit.json');
    const got = ubuntu('ubuntu:24.04', `docker run --rm -it -e TERM=dumb --hostname ${HOST} ubuntu:24.04 bash`, r.typed);
    expect(got.output.replace(/\r?\n/g, '\r\n')).toBe(r.output.replace(/\x1b\]0;[^\x07]*\x07/g, ''));
  });
  it("a user whose home holds no .bashrc (-u 4242, HOME=/) gets /etc/bash.bashrc's prompt alone (bash-uid4242-exit.json)", () => {
    const r = recording('bash-uid4242-exit.json');
    const got = ubuntu('ubuntu:24.04', `docker run --rm -it --hostname ${HOST} -u 4242 ubuntu:24.04 bash`, r.typed);
    expect(got.output.replace(/\r?\n/g, '\r\n')).toBe(r.output);
  });
});

describe("the screen and xterm's title controls (ESC ] 0 ; TITLE BEL, as Ubuntu's prompt writes them)", () => {
  it('shows nothing of a title ended by BEL or by ST (ESC \\)', () => {
    expect(screenText('\x1b]0;root@h: /\x07root@h:/# ')).toBe('root@h:/# ');
    expect(screenText('\x1b]2;t\x1b\\a\n')).toBe('a\n');
  });
  it('refuses an operating system command it does not know, or one not ended', () => {
    expect(() => screenText('\x1b]52;c;aGk=\x07')).toThrow(ScreenNotSimulated);
    expect(() => screenText('\x1b]0;no end')).toThrow(ScreenNotSimulated);
  });
});

describe('dash on a terminal (docker run -it debian:bookworm sh)', () => {
  for (const name of readdirSync(DIR).filter((n) => n.startsWith('dash-'))) {
    it(name, () => {
      const r = recording(name);
      const got = session(`docker run --rm -it --hostname ${HOST} debian:bookworm sh`, r.typed);
      expect(got.output.replace(/\r?\n/g, '\r\n')).toBe(r.output);
      expect(got.exitCode).toBe(r.exit);
    });
  }
});

describe("bash's default prompt where no startup file sets one", () => {
  it('bash --norc: `\\s-\\v\\$ ` (bash-norc-exit.json, recorded with empty startup files)', () => {
    const r = recording('bash-norc-exit.json');
    const got = session(`docker run --rm -it --hostname ${HOST} debian:bookworm bash --norc`, r.typed);
    expect(got.output.replace(/\r?\n/g, '\r\n')).toBe(r.output);
    expect(got.exitCode).toBe(r.exit);
  });
  it("mysql's Oracle Linux, which has none: the same session with its bash 5.1 (\\v), exit 4 reaching docker", () => {
    const r = recording('bash-norc-exit.json');
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages(['mysql:8.4']);
    const got = d.run('docker run --rm -it --entrypoint bash mysql:8.4', keyboard([...r.typed.slice(0, -1), 'exit 4']));
    // (the recording's bash is 5.2.15: `\v` is its major.minor; Oracle Linux 9's is 5.1.8, repo-info's mysql package list)
    expect(screenText(got.output)).toBe(screenText(r.output).replaceAll('bash-5.2# ', 'bash-5.1# ').replace(/# exit\n/, '# exit 4\n'));
    expect(got.exitCode).toBe(4);
  });
});

describe('bash as a user /etc/passwd does not name (docker run -u 4242)', () => {
  it("`\\u` is bash's `I have no name!`, `\\$` is `$`, HOME=/ is not shown as ~ (bash-uid4242-exit.json)", () => {
    const r = recording('bash-uid4242-exit.json');
    const got = session(`docker run --rm -it --hostname ${HOST} -u 4242 debian:bookworm bash`, r.typed);
    expect(got.output.replace(/\r?\n/g, '\r\n')).toBe(r.output);
    expect(got.exitCode).toBe(r.exit);
  });
});

describe('docker exec -it CONTAINER bash', () => {
  it('is the same session as docker run -it in the container (bash-debian-exit3.json)', () => {
    const r = recording('bash-debian-exit3.json');
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages(['debian:bookworm']);
    expect(d.run(`docker run -d --name ptyx --hostname ${HOST} debian:bookworm sleep 600`).exitCode).toBe(0);
    const got = d.run('docker exec -it ptyx bash', keyboard(r.typed));
    expect(got.output.replace(/\r?\n/g, '\r\n')).toBe(r.output);
    expect(got.exitCode).toBe(r.exit);
  });
});

describe('what an interactive bash or dash would do that strata does not simulate is refused by name', () => {
  const refused = (command: string, typed: string[], words: string): void => {
    const got = session(command, typed);
    expect(got.output).toContain(words);
    expect(got.exitCode).toBe(125);
  };
  const inUbuntu = (command: string, typed: string[], words: string): void => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages(['ubuntu:24.04']);
    const got = d.run(command, keyboard(typed));
    expect(got.output).toContain(words);
    expect(got.exitCode).toBe(125);
  };
  it("Ubuntu's root .bashrc: its aliases ll, la, l, and what shows its settings (alias, env, set, type ...)", () => {
    inUbuntu('docker run --rm -it ubuntu:24.04 bash', ['ll'], `strata does not simulate the alias ll of root's ~/.bashrc in this image: "ll"`);
    inUbuntu('docker run --rm -it ubuntu:24.04 bash', ['cd /tmp && la'], 'strata does not simulate the alias la');
    inUbuntu('docker run --rm -it ubuntu:24.04 bash', ['if true; then l; fi'], 'strata does not simulate the alias l of');
    for (const line of ['alias', 'env | grep PATH', 'printenv', 'set', 'export', 'declare -p', 'type ls', 'command -v ls', 'shopt']) {
      inUbuntu('docker run --rm -it ubuntu:24.04 bash', [line], `strata does not simulate what root's ~/.bashrc in this image set for`);
    }
  });
  it("Ubuntu's user ubuntu, whose ~/.bashrc is /etc/skel's", () => {
    inUbuntu('docker run --rm -it -u ubuntu ubuntu:24.04 bash', ['exit'], "strata does not simulate an interactive bash whose ~/.bashrc (/home/ubuntu/.bashrc, the image's /etc/skel/.bashrc) is not known to strata");
  });
  it('a ~/.bashrc in the container (the stand-ins have none: one there was written since)', () => {
    refused(`docker run --rm -it debian:bookworm bash -c 'echo x > /root/.bashrc; exec bash'`, ['exit'], 'strata does not simulate an interactive bash that reads /root/.bashrc');
  });
  it('a login shell', () => refused('docker run --rm -it debian:bookworm bash -l', ['exit'], 'strata does not simulate an interactive bash started as a login shell'));
  it('job control: a command run with &', () => {
    refused('docker run --rm -it debian:bookworm bash', ['sleep 1 &'], 'strata does not simulate job control at an interactive bash (a command run with &): "sleep 1 &"');
    refused('docker run --rm -it debian:bookworm sh', ['sleep 1 &'], 'strata does not simulate job control at an interactive dash');
  });
  it("bash's history expansion (a `!` before a blank or `=` is none: bash-debian-bang.json)", () => {
    refused('docker run --rm -it debian:bookworm bash', ['echo !!'], "strata does not simulate bash's history expansion (!)");
  });
  it('prompt escapes of the clock, history and jobs', () => {
    refused(`docker run --rm -it -e PS1='\\t \\$ ' debian:bookworm bash --norc`, [], 'strata does not simulate the prompt escape \\t of bash');
    refused(`docker run --rm -it -e 'PS1=$(x' debian:bookworm bash --norc`, [], 'strata does not simulate the prompt "$(x" of bash');
  });
  it('names GNU ls would quote on a terminal', () => {
    refused('docker run --rm -it debian:bookworm bash', ["cd /tmp && touch 'a b' c && ls"], "strata does not simulate GNU ls's columns on a terminal for these names: use ls -1 or ls -l");
  });
});

describe('a page of a bash session (the typist)', () => {
  const page = (host: string): string =>
    `# T\n\n<!-- strata images=debian:bookworm -->\n\n\`\`\`console\n$ docker run --rm -it debian:bookworm bash\nroot@${host}:/# cd /etc/skel\nroot@${host}:/etc/skel# exit\nexit\n\`\`\`\n`;
  const run = (text: string): ReturnType<typeof checkPage> => checkPage(text, 'p.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));
  it("types the lines after a prompt whose host name is another container's ID, and the check then shows strata's ID", () => {
    const r = run(page('0123456789ab'));
    expect(r.passed).toBe(false);
    const host = /root@([0-9a-f]{12}):\/# cd \/etc\/skel\n/.exec(r.updated)?.[1];
    expect(host).toBeDefined();
    expect(host).not.toBe('0123456789ab');
    expect(r.updated).toBe(page(host!));
    expect(run(r.updated).passed).toBe(true);
  });
});
