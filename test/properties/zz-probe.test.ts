import { it } from 'vitest';
import { execute, initialState } from '/work/main/src/engine/engine.ts';
it('probe', () => {
  for (const eng of ['docker-20.10', 'docker-26.1'] as const) {
  let st = initialState({ engine: eng });
  const t0 = Date.now();
  const cmds = [
    `docker build -q -t seeded - <<'EOF'\nFROM busybox\nRUN mkdir -p /data /app && echo seed > /data/seed.txt && echo app > /app/app.txt && chown nobody /data && chmod 700 /data\nVOLUME /data\nRUN echo late > /data/late.txt\nEOF`,
    `docker run -d --name c1 -v v1:/data seeded sleep 100000`,
    `docker run -d --name c2 --tmpfs /app -v "$PWD/hd":/data:ro busybox sleep 100000`,
    `docker exec c1 sh -c 'mkdir -p /app && echo 2 > /app/a'`,
    `docker exec c2 sh -c 'mkdir -p /data && echo 2 > /data/a'`,
    `docker exec c2 sh -c 'rm -f /data/zz'`,
    `docker exec c2 sh -c 'mkdir -p /app && echo 2 > /app/a'`,
    `docker exec c1 sh -c 'for p in /data /app /root; do echo "== $p"; if [ -d $p ]; then stat -c "%a %U" $p; for f in $p/*; do [ -f "$f" ] && echo "$f: $(cat $f)"; done; else echo absent; fi; done; true'`,
    `docker exec c2 sh -c 'for p in /data /app /root; do echo "== $p"; if [ -d $p ]; then stat -c "%a %U" $p; for f in $p/*; do [ -f "$f" ] && echo "$f: $(cat $f)"; done; else echo absent; fi; done; true'`,
    `docker run --rm -v v1:/mnt busybox sh -c 'ls -a /mnt; stat -c "%a %U" /mnt'`,
    `docker run --rm --mount type=volume,target=/data seeded sh -c 'ls -a /data'`,
    `docker volume ls -q | sort`,
    `docker stop c1`, `docker exec c1 true`, `docker rm c2`, `docker volume rm v1`, `docker volume prune -f`, `docker volume ls -q | sort`,
  ];
  for (const c of cmds) { const r = execute(st, c); st = r.state; console.log('$', c.split('\n')[0], '\n' + r.output + `[${r.exitCode}]`); }
  console.log(eng, Date.now() - t0, 'ms');
  }
});
