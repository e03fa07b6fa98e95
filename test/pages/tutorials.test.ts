// The seed tutorials (../shared/tutorials/) as checked pages (scenarios/tutorials/): every page
// passes as filled by strata, no command of it is refused or runs out of a budget, every command
// a tutorial gives is on its page as given (run, or in a `<!-- strata skip -->` block with a note
// saying why), and every recording a note cites exists.

import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPage } from '../../src/index.ts';
import { parsePage } from '../../src/pages/page.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, 'scenarios', 'tutorials');
const pages = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();

/** A command as a reader compares it: line continuations joined, runs of blanks as one space. */
const norm = (command: string): string => command.replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Each tutorial's commands, as it gives them (Markdown escapes undone), in its order. `skip`:
 * commands shown in a `<!-- strata skip -->` block, each with a note saying why strata does not run it.
 */
const TUTORIALS: Record<string, { source: string; run: string[]; skip?: string[] }> = {
  '000': {
    source: '000_969f0511d19cdb6f.txt',
    run: [
      'docker volume create my_volume',
      'docker run -v my_volume:/path/in/container my_image',
      'docker run -v /path/on/host:/path/in/container my_image',
      'docker volume ls',
      'docker volume inspect my_volume',
      'docker volume rm my_volume',
      'docker volume prune',
      'docker system prune --volumes',
    ],
  },
  '001': {
    source: '001_8eb4e15124497582.txt',
    run: [
      'docker volume create my-data',
      'docker volume ls',
      'docker volume inspect my-data',
      'docker run -d --name my-database -v my-data:/var/lib/postgresql/data postgres:16-alpine',
      'docker run -d --name my-database --mount type=volume,source=my-data,target=/var/lib/postgresql/data postgres:16-alpine',
      'docker run -d --name test-db -v pgdata:/var/lib/postgresql/data -e POSTGRES_USER=admin -e POSTGRES_PASSWORD=secret -e POSTGRES_DB=testdb postgres:16-alpine',
      'docker exec -it test-db psql -U admin -d testdb',
      'docker stop test-db',
      'docker rm test-db',
      'docker run -d --name new-db -v pgdata:/var/lib/postgresql/data -e POSTGRES_USER=admin -e POSTGRES_PASSWORD=secret -e POSTGRES_DB=testdb postgres:16-alpine',
      'docker exec -it new-db psql -U admin -d testdb',
      'docker run -d --name my-app -p 3000:3000 -v /path/to/your/code:/app my-docker-app:1.0',
      'docker run -d --name my-app -p 3000:3000 --mount type=bind,source=/path/to/your/code,target=/app my-docker-app:1.0',
      'docker run -d --name dev-server -p 3000:3000 -v $(pwd):/app -w /app node:20-alpine node app.js',
      'docker run --rm -v my-data:/source -v $(pwd):/backup alpine tar czf /backup/my-data-backup.tar.gz -C /source .',
      'docker run --rm -v my-data:/target -v $(pwd):/backup alpine tar xzf /backup/my-data-backup.tar.gz -C /target',
      'docker volume rm my-data',
      'docker volume prune',
      'docker run -d -v /var/lib/postgresql/data postgres:16-alpine',
      'docker run -d -v pgdata:/var/lib/postgresql/data postgres:16-alpine',
    ],
  },
  '002': {
    source: '002_e33c01af2d2ff869.txt',
    run: [
      'docker run -d --name mydb -e MYSQL_ROOT_PASSWORD=rootpassword mysql:9.2.0',
      'docker rm -f mydb',
      'docker run -d --name mydb -e MYSQL_ROOT_PASSWORD=rootpassword mysql:9.2.0',
      'docker volume create my-vol',
      'docker volume ls',
      'docker volume inspect my-vol',
      'docker volume rm my-vol',
      'docker volume prune',
      'docker run -d --name my-container -v my-vol:/app nginx:latest',
      'docker run -d --name my-container --mount type=volume,source=my-vol,target=/app nginx:latest',
      'docker volume create mysql_data',
      'docker run -d --name mydb -e MYSQL_ROOT_PASSWORD=rootpassword -v mysql_data:/var/lib/mysql mysql:9.2.0',
      'docker volume ls',
      'docker volume inspect mysql_data',
      'docker rm -f mydb',
      'docker run -d --name new_container -e MYSQL_ROOT_PASSWORD=rootpassword -v mysql_data:/var/lib/mysql mysql:9.2.0',
      'docker run -d --name temp_container -v /app/cache ubuntu',
      'docker inspect temp_container | grep Mounts -A 5',
      'docker run -it --name readonly_container -v my_readonly_volume:/app:ro alpine:latest',
      'docker run -d --name subdir_container --mount source=myvolume,destination=/app,volume-subpath=myfolder ubuntu',
      'docker run -d --name php-app -v shared_data:/var/www/html php:apache',
      'docker run -d --name web-server --volumes-from php-app nginx',
    ],
    // mysql's interactive client is not simulated (its stand-in refuses it in its own name)
    skip: ['docker exec -it mydb mysql -p', 'docker exec -it mydb mysql -p', 'ls -la /var/lib/docker/volumes'],
  },
  '003': {
    source: '003_bc9d68b605f8a098.txt',
    run: [
      'docker volume create web_logs',
      'docker volume ls',
      'docker volume inspect web_logs',
      'docker run -d --name nginx -v web_logs:/var/log/nginx nginx:alpine',
      'docker run -d --name log_processor --volumes-from nginx alpine tail -f /var/log/nginx/access.log',
      'docker run --rm --volumes-from nginx -v $(pwd):/backup alpine tar czf /backup/web_logs.tgz -C /var/log/nginx .',
      'docker run --rm -v web_logs:/data -v $(pwd):/backup alpine tar xzf /backup/web_logs.tgz -C /data',
      'docker run --rm -it --mount type=bind,src=$(pwd)/src,dst=/var/www/html,readonly php:8.3-cli php -S 0..0.0:8000 -t /var/www/html',
      'docker run --rm -it --tmpfs /run/secrets:rw,size=10m alpine sh',
      'docker volume prune',
      'docker stop db',
      'docker rm db',
      'docker run -d --name db -v db_data:/var/lib/postgresql/data postgres:16',
    ],
    // the Dockerfile's RUN apk add: stand-ins install no packages
    skip: ["docker build -t uploads-demo - <<'EOF' FROM alpine:3.19 WORKDIR /app RUN apk add --no-cache curl VOLUME [\"/uploads\", \"/cache\"] EOF"],
  },
  '004': { source: '004_3042849c9a978ecd.txt', run: [] },
};

/** Where `run` occurs in `commands` as a subsequence (tutorial order kept), or the first missing one. */
function missingInOrder(commands: string[], run: string[]): string | undefined {
  let at = 0;
  for (const want of run) {
    const i = commands.indexOf(want, at);
    if (i < 0) return want;
    at = i + 1;
  }
  return undefined;
}

/** The commands of the page's `<!-- strata skip -->` console blocks. */
function skippedCommands(text: string): string[] {
  const out: string[] = [];
  const re = /<!-- strata skip -->\s*\n```console\n([\s\S]*?)\n```/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lines = m[1].split('\n');
    let cur: string | undefined;
    for (const l of lines) {
      if (l.startsWith('$ ')) {
        if (cur !== undefined) out.push(norm(cur));
        cur = l.slice(2);
      } else if (cur !== undefined && (l.startsWith('> ') || l === '>')) cur += '\n' + l.slice(2);
    }
    if (cur !== undefined) out.push(norm(cur));
  }
  return out;
}

describe('the seed tutorials as pages', () => {
  it('there is one page per tutorial', () => {
    expect(pages.map((p) => p.slice(0, 3))).toEqual(Object.keys(TUTORIALS));
  });

  for (const file of pages) {
    const name = `scenarios/tutorials/${file}`;
    const tutorial = TUTORIALS[file.slice(0, 3)];
    describe(name, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const r = checkPage(text, { file: name });

      it('passes: every output is the one strata prints', () => {
        expect(r.passed, r.diff).toBe(true);
      });

      it('no command is refused, runs out of a budget or fails inside strata', () => {
        for (const res of r.results) {
          expect(res.rawOutput, `${name}:${res.step.line}: $ ${res.step.command}`).not.toContain('strata does not simulate');
          expect(res.rawOutput, `${name}:${res.step.line}: $ ${res.step.command}`).not.toContain('strata: ');
          expect(res.rawOutput, `${name}:${res.step.line}: $ ${res.step.command}`).not.toContain(': strata stand-in: ');
        }
      });

      it('names its tutorial and shows its commands as given, in its order', () => {
        expect(tutorial, `${file}: no tutorial with this number`).toBeDefined();
        expect(text).toContain(`\`../shared/tutorials/${tutorial.source}\``);
        const page = parsePage(text, name);
        const visible = page.commands.filter((c) => !c.hidden).map((c) => norm(c.command));
        if (tutorial.run.length > 0) expect(visible.length).toBeGreaterThan(0);
        expect(missingInOrder(visible, tutorial.run.map(norm)), 'a tutorial command missing from the page (or out of order)').toBeUndefined();
        expect(skippedCommands(text)).toEqual((tutorial.skip ?? []).map(norm));
        // the tutorial itself, when the shared folder is there: each command is in its text
        const source = join(root, '..', 'shared', 'tutorials', tutorial.source);
        if (existsSync(source)) {
          const tut = norm(readFileSync(source, 'utf8').replace(/\\_/g, '_'));
          for (const c of [...tutorial.run, ...(tutorial.skip ?? [])]) {
            // a build from a here-document: the Dockerfile is what the tutorial shows
            const words = c.includes("<<'EOF'") ? norm(c.split("<<'EOF'")[1].replace(/EOF$/, '')) : norm(c);
            expect(tut, `not in ${tutorial.source}: ${words}`).toContain(words);
          }
        }
      });

      it('every recording a note cites exists', () => {
        const cited = [...text.matchAll(/`(test\/(?:recorded|conformance)\/[^`]+\.scenario)`/g)].map((m) => m[1]);
        const paths = cited.flatMap((p) => {
          const m = /\{([^}]+)\}/.exec(p);
          return m ? m[1].split(',').map((alt) => p.replace(m[0], alt)) : [p];
        });
        for (const p of paths) expect(existsSync(join(root, p)), p).toBe(true);
      });
    });
  }
});
