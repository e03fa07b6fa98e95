// The hand-written part of docs/compat.md about Docker Compose: what strata prints where the real
// compose's output varies from run to run, and what it does not reproduce.

export const COMPOSE_NOTES = `### How strata orders what compose does in parallel

Compose 2.26 works on independent objects concurrently (the services of one dependency level, the
containers of one service, and in \`down\` the networks, images and volumes), so the order of its
progress lines varies between real runs (\`shared/oracle/README.md\`, "Compose"). strata prints one
order a real run can produce, always the same:

- \`up\` / \`create\`: the networks by key, then the volumes by key, then the services in dependency
  order (dependencies first, then by name); \`stop\`, \`down\`: the reverse; within a service, its
  containers by name;
- \`down\`: the containers, then the orphans (\`--remove-orphans\`), then the networks, then the images
  (\`--rmi\`), then the volumes (\`-v\`), each sorted by name;
- \`config --volumes\` (a Go map's order in compose): sorted; \`config --images\` (the services' Go map):
  the services' order;
- a container's \`Env\`: compose sends the service's environment in a Go map's order (ToMobyEnv), so
  \`docker inspect\` lists it differently from run to run (before the image's variables); strata
  keeps the file's order (\`compose/tut-postgres-pgdata-subdir\` sorts it);
- \`logs\`: the containers by name, each log's lines in the order they were written (compose reads
  the containers and their stdout and stderr concurrently).

Other differences:

- \`docker compose\` exists on the docker-26.1 profile only (the oracle's 20.10 install has no
  Compose v2); on docker-20.10 it is refused by name.
- \`docker compose version\` prints a normal install's \`Docker Compose version v2.26.1\` (\`--short\`:
  \`2.26.1\`), as Docker's own packages build it (compose's Makefile: the version is the git tag);
  the oracle's plugin is Debian trixie's package, which prints \`2.26.1-4\` (recorded:
  \`compose/unknown-subcommand-and-version\`), and so does strata with the oracle's stand-ins
  (\`--busybox-stand-ins\`).
- Attached \`up\` (without \`-d\`) streams the attached containers' logs until they stop
  (recorded: \`compose/attached-up-*\`, and on a terminal test/pages/pty/compose-attached-*.json):
  \`Attaching to first-1, second-1\`, each line after its container's \`NAME  | \` (padded to the
  longest name; coloured on a terminal), \`NAME exited with code N\`, exit status 0 whatever the
  codes. The containers run in the background and strata's clock moves from one of their sleeps
  to the next until each watched one ended. \`--abort-on-container-exit\` and \`--exit-code-from\`
  end it at the first exit: \`Aborting on container exit...\`, the Stopping lines, the status of
  that container (or of the one \`--exit-code-from\` names, 0 when compose stopped it);
  \`--attach\`, \`--no-attach\`, \`--attach-dependencies\` and \`attach: false\` choose the
  containers. Which container's line comes first varies from run to run: a scenario or a page is
  checked with any order that keeps each container's own (and the exit that ended an
  \`--abort-on-container-exit\` last), and \`--update\` keeps the file's order; so are the lines of
  compose's progress about containers (and about networks and volumes, and \`cp\`'s copies into each
  container of a service) that compose works on in
  parallel. Not checked: the order dependencies impose between containers, and, with
  \`--no-log-prefix\`, anything (the lines are compared in strata's order). A container's stdout
  and stderr lines come in the order it wrote them, where the daemon copies the two streams
  concurrently (they may come in another order). Refused by name: a container that keeps running
  when no flag ends the up (compose streams its logs until Ctrl-C), two containers that exit at
  the same time, or one that exits while compose still starts others, under
  \`--abort-on-container-exit\` (which one compose sees first is a race), and \`--timestamps\`.
- On a terminal (a Markdown page), the progress lines are compose's tty display, its last frame
  (see "On a terminal" in the docker CLI notes); \`--progress plain\` keeps the lines above.
- \`build\` and \`up --build\` print no BuildKit progress (\`#1 [internal] ...\` with timings); the
  recordings use \`--progress quiet\`. On a terminal they show BuildKit's display of the build, every
  step named after the service (\`[web 2/2] COPY ...\`), before compose's own (a
  \`dockerfile_inline\` is sent as a Dockerfile from stdin: test/pages/pty/compose-pb-inline.json);
  a failing build shows the display and the failed step's output, then compose's error alone
  (\`compose-pb-compose-fail.json\`). Several services built by one command share one display
  (\`compose-pb-two-*.json\`): their lines interleave as the builds started, which varies from run to
  run, and an image's \`load metadata\` and FROM lines are shown once, named after either service; a
  page's order passes when it keeps each service's own lines in order (src/pages/service-order.ts).
  The same step on the same input is one line of both builds too, named after either
  (\`compose-pb2-samerun-*\`, \`-samefirst-*\`); services of one context each transfer it, and their
  steps from the first that reads it are one cache record: one line runs for both, the other
  build's is counted in the header and never starts (\`(11/12)\`, no FINISHED;
  \`compose-pb-shared-*\`, \`compose-pb2-sharedrun-*\`). Refused there: the same steps from two
  contexts of the same files, or on two networks, or numbered differently in each build, one of
  several stages or copying from an image, and a failing build beside others.
- \`rm\` without \`-f\` is refused (compose asks on a terminal the scenario does not have).
- \`up\` and \`start\` wait for a \`service_completed_successfully\` dependency as compose does
  (\`Waiting\`, then \`Exited\`, or the failure \`service "init" didn't complete successfully: exit 3\`;
  \`compose/depends-on-completed\`); one whose container is still running would be waited for
  until it exits, and is refused by name. They wait for a \`service_healthy\` one while its health
  checks run on strata's clock (a second a poll; see the docker CLI notes): \`Waiting\`, then
  \`Healthy\`, or \`Error\` and \`dependency failed to start: container X is unhealthy\` (\`has no
  healthcheck configured\`, \`exited (N)\`; \`health/compose-healthy\`). More than an hour of waiting,
  an optional (\`required: false\`) dependency that fails, and \`run\` with either condition are
  refused by name. A duration compose-go cannot read is refused, its words not recorded. While
  compose waits, strata's clock moves as a host \`sleep\` would: the containers' sleeping
  entrypoints go on too (a server that is up a few seconds after its start).
- \`up --wait\` waits, once everything started, for each service to run (or be healthy, when it has
  a healthcheck): \`Waiting\`, \`Healthy\`; a failure is compose's error alone, without \`Error\`
  lines (\`container X is unhealthy\`, \`exited (0)\`, \`has no healthcheck configured\` for
  \`disable: true\`), and \`--wait-timeout N\` ends it with \`application not healthy after Ns\`
  (\`compose/tut-up-wait-edges\`, \`compose/tut-up-wait-mariadb\`).
- The \`com.docker.compose.config-hash\` label and \`config --hash\` are strata's own SHA-256 of its
  service model, not compose's (a different JSON encoding); they change, and agree with each
  other, where compose's do: equal for a service without \`env_file\` or \`volumes_from\`, different
  for one with them (\`config --hash\` loads the project without environment resolution, and \`up\`
  hashes the resolved \`volumes_from\`; \`compose/tut-restart-ignores-config\`, \`tut-config-hash-services\`).
- \`compose run\` without \`--name\` names its container \`<project>-<service>-run-<12 hex>\` from
  strata's seeded IDs, where compose uses random ones.
- \`docker compose volumes\` does not exist in 2.26.1 (it came in a later release).
- \`wait SERVICE\` waits only for running containers (an exited one is \`no containers for project
  "NAME"\`), prints \`container "ID" exited with status code N\` and exits N; \`--down-project\` then
  runs \`down --remove-orphans\` (\`compose/wait\`). As for \`docker wait\`, strata can wait only for a
  container whose process ends by itself after its \`sleep\`; any other, and several at once (their
  order is a race), are refused by name.
- **Pulls** (\`up\`, \`create\` and \`run\` of a service whose \`image:\` is missing, and \`pull\`)
  take the image from strata's catalog of stand-ins, as \`docker run\` does, with compose's lines
  from its source (pkg/compose/pull.go at v2.26.1; the oracle has no registry to record them): the
  service's \`Pulling\` and \`Pulled\`, under it a line per layer of the daemon's messages, a
  missing repository's \`Error\` line (\`Warning\` for a service with a \`build\` section, which is
  then built) and the daemon's error; \`pull\` says why it skips a service (\`Skipped - No image to be
  pulled\`, \`Skipped - Image is already present locally\`, ...). On a terminal the display's last
  frame shows each layer's last status; \`--progress plain\` prints every message of the daemon's
  stream, whose \`Downloading\` and \`Extracting\` lines count the bytes as the network brings them,
  so a plain pull of a missing image is refused by name (\`up --quiet-pull\`, \`pull -q\` show none).
  compose pulls the services at once in the order of a Go map: strata lists them in the file's
  order, one possible order of a real run, and a page's check takes the services in any order. A
  display with more lines than the terminal less two (22: several images of many layers) draws
  no layer lines from then on and pads its frames with blank lines up to what the frame before
  drew: its last frame is the services' lines and 0 to 22 blank lines, as the network's timing
  made them (recorded from a registry of the recorder's own:
  test/pages/pty/compose-pull-tall-*.json); strata draws the count its own frames give, and a
  page's check takes any count. Images a catalog does not
  have are refused as for \`docker pull\`. \`top\` is refused (processes are not simulated;
  \`docker top\` shows what strata knows of one container's).
- \`extends\` (a service of the same file, or \`file:\`) merges the base service under the extending
  one with the rules of \`-f\` files (\`compose/extends\`); a base from a file in another directory
  has its build context, \`env_file\` and bind sources made absolute in that directory first
  (\`compose/extends-other-dir\`); a cycle is refused by name.
- \`include:\` loads each listed file as a model of its own (its relative paths its own
  directory's) and adds its services, volumes, networks, secrets and configs to the project; one
  defined differently in both is \`services.db conflicts with imported resource\` (exit 15;
  \`compose/include\`). Refused by name: an entry's \`env_file\` or \`project_directory\`, several
  files in one entry, a \`.env\` in the included directory, a missing file and a cycle.
- \`cpus\`, \`mem_limit\`, \`mem_reservation\`, \`ulimits\`, \`shm_size\` and \`deploy\`'s \`replicas\` and
  \`resources\` (limits: cpus, memory; reservations: memory) reach the container's HostConfig as
  compose 2.26.1 sets them (\`compose/limits\`, \`compose/shm-size\`); other \`deploy\` keys and a
  pids limit are refused by name.
- Several containers per service (\`scale\`, \`deploy.replicas\`, \`up --scale\`) are created,
  numbered and scaled down as compose 2.26.1 does (\`compose/scale\`); compose works on them in
  parallel, strata by number. Not reproduced: compose leaves HostConfig's
  Ulimits, Dns, DnsOptions, DnsSearch, Devices and the Blkio device lists null when a service has
  none, and ExtraHosts \`[]\` (strata's inspect shows them as for \`docker run\`: the lists \`[]\`,
  ExtraHosts null; \`compose/create-defaults\` shows the rest of a bare service's settings), and
  sends several ulimits in a Go map's order (strata sorts them by name).
- \`secrets:\` and \`configs:\` are simulated as compose 2.26.1 makes them: from a \`file:\`, a
  read-only bind of the file at \`/run/secrets/NAME\` (a config: \`/NAME\`) or the entry's target
  (\`compose/secrets-file\`); from \`environment:\` or (configs) \`content:\`, a file copied into the
  new container's writable layer, mode 444 (\`compose/configs\`, \`compose/configs-errors\`). Copying
  one into a container with a read-only root file system is refused by name (not recorded).
- \`ports:\` is loaded, printed by \`config\` and published as compose 2.26.1 does
  (\`compose/config-ports\`, \`compose/ports-merge\`, \`compose/up-ports\`, \`compose/ports-conflict\`,
  \`compose/run-ports\`: \`run\` publishes them only with \`--service-ports\`, or its own \`-p\`). A project's services
  join its own network, where the oracle's \`--bridge=none\` daemon publishes ports as a normal
  install does, so those recordings are what a user sees; a service with \`network_mode: bridge\`
  (or \`default\`) follows the docker CLI's \`-p\` notes (nothing published on the oracle);
  \`host\` and \`none\` keep the bindings and publish nothing (\`compose/ports-network-modes\`).
  \`ports\` or \`expose\` on a \`network_mode: service:X\` service is refused by name: compose gives
  it \`container:<ID>\`, which the daemon refuses with ports (\`conflicting options: port
  publishing and the container type network mode\`) after creating the services before it (the
  progress of that was not kept). Not
  reproduced: the order of \`docker compose port\`'s \`no port 81/tcp for container ...: LIST\`
  (the daemon's map order; strata lists them in its own). Refused by name, their words not recorded: a \`target\` above 4294967295, and a short
  entry or a string \`target\` left as written by \`config --no-interpolate\`. Values compose-go
  takes but the daemon refuses fail as it does (\`compose/ports-long-errors\`: \`invalid port
  specification\` at create, \`invalid transport protocol: 0\` at start).
`;
