// The part of docs/compat.md about builds (src/docker/compat.ts appends it): where the legacy
// builder (Docker 20.10) and BuildKit (Docker 26.1) differ, each row recorded on both engines
// under test/recorded/docker-*/builds/, and what both do alike.

export const BUILD_NOTES = `## Builds: the legacy builder (20.10) and BuildKit (26.1)

Each row is recorded on both engines (\`test/recorded/docker-20.10/builds/\`,
\`test/recorded/docker-26.1/builds/\`); the rules sit in \`src/image/build/\` next to the moby
(\`builder/dockerfile\`) or BuildKit (\`frontend/dockerfile\`) source they follow.

| what | legacy builder (20.10) | BuildKit (26.1) | recorded |
| --- | --- | --- | --- |
| stages run | every stage up to the target, in order, each step an intermediate image | only the target and the stages it needs (FROM a stage, \`COPY --from\`, \`RUN --mount from=\`) | \`multi-stage\` |
| \`--target nosuch\` | \`Error response from daemon: failed to reach build target nosuch in Dockerfile\` | \`ERROR: failed to solve: target stage "nosuch" could not be found\` | \`multi-stage\` |
| \`COPY --from=N\` naming the current stage or a later one | \`invalid from flag value 0: refers to current build stage\`, \`invalid from flag value 1: index out of bounds\` | a later stage is fine; the current one is a cycle | \`multi-stage-errors\` |
| \`COPY --from=NAME\` naming its own stage, or stages naming each other | the name is not a finished stage yet, so it is pulled as an image (\`invalid from flag value one: ...\`, the registry's error; not recorded: the oracle's registry is unreachable) | \`circular dependency detected on stage: one\`, with an excerpt per instruction on the cycle, even among stages the target does not need | \`multi-stage-circular\` (26.1) |
| two stages with one name (\`AS one\`, \`AS ONE\`) | \`one stage name already used\` before the second stage's step line | builds | \`multi-stage-errors\` |
| a path missing in the \`--from\` stage | \`COPY failed: stat missing: file does not exist\` | \`lstat /var/lib/docker/tmp/buildkit-mountNNN/missing: no such file or directory\` (the number is random) | \`multi-stage-errors\` |
| a path missing in (or hidden from) the context | \`COPY failed: file not found in build context or excluded by .dockerignore: stat X: file does not exist\` | \`failed to compute cache key: failed to calculate checksum of ref REF: "/X": not found\` (REF is random in BuildKit, derived from the path in strata) | \`dockerignore-exceptions\` |
| a wildcard that matches nothing | \`COPY failed: no source files were specified\` | copies nothing (the destination is not made) | \`copy-wildcards\`, \`copy-wildcards-buildkit\` |
| several sources onto a path without \`/\` | \`When using COPY with more than one source file, the destination must be a directory and end with a /\` (the matches of a wildcard count) | each source is copied onto the path in turn: a file, the last one | \`copy-wildcards\`, \`copy-wildcards-buildkit\` |
| \`--chown=USER\` without a group | looks \`USER\` up as a group too (\`can't find gid for group nobody\`) | the user's primary group | \`copy-chown-dirs\` |
| \`COPY --chown\` of a directory into missing parents | only the destination directory gets the owner | every directory it creates | \`copy-chown-dirs\` |
| \`COPY --chmod\`, \`ADD --chmod\`, \`RUN --mount\` | \`the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled\` (\`--mount\` likewise), at that step | \`--chmod\`: the mode of the files copied (the destination directory stays 755). \`RUN --mount\`: \`type=cache\` is a directory kept across steps and builds, shared by \`id\` (the target by default), made with \`mode\`/\`uid\`/\`gid\`; \`type=tmpfs\` an empty tmpfs; \`type=bind\` the context (or \`from=\` a stage or an image) at \`source\`, read-only unless \`rw\`, and what a \`rw\` bind gets is thrown away; \`type=secret\`/\`ssh\` without \`--secret\`/\`--ssh\` are not mounted (\`required\` is refused: strata's \`docker build\` takes neither flag). Nothing of a mount stays in the layer, not even the mount point directories | \`buildkit-only-flags-legacy\` (20.10), \`buildkit-only-flags\`, \`run-mount-kinds\` (26.1) |
| \`WORKDIR\` after \`USER\` | the directories it creates are root's | they are the user's (a uid the image's passwd does not list: that number as group too; a name it does not know: root's) | \`workdir-after-user\`, \`workdir-user-lookup\` |
| \`WORKDIR\` over a file | \`Cannot mkdir: /f is not a directory\`; below a file \`lstat /var/lib/docker/overlay2/ID/merged/f/sub: not a directory\` | \`mkdir /var/lib/docker/overlay2/ID/merged/f: not a directory\`; below a file the same \`lstat\` | \`workdir-volume-over-file\` |
| a step that ran on the same image before | \` ---> Using cache\` instead of running it; a metadata step (\`ENV\`, \`LABEL\`, \`WORKDIR\`, ...) that is not cached is committed through a container (\` ---> Running in ID\`, \`Removing intermediate container ID\`; random IDs, so recorded only through the cache) | nothing with \`-q\` | \`build-step-cache\` |
| \`ARG\` before the first \`FROM\` | a step of its own (\`Step 1/3 : ARG V=1\`); a failing build prints the log | no step | \`meta-args\` |
| a failing \`RUN\` | \`The command '/bin/sh -c echo "v=$V"; exit 3' returned a non-zero code: 3\` | \`process "/bin/sh -c echo \\"v=$V\\"; exit 3" did not complete successfully: exit code: 3\` (Go's \`%q\`) | \`meta-args\` |
| \`VOLUME\` over a file | \`cannot mount volume over existing file, file exists /var/lib/docker/overlay2/ID/merged/f\` (for a symlink, the file it leads to) | builds | \`workdir-volume-over-file\` |
| a \`.dockerignore\` pattern with characters regular expressions treat specially | the CLI (moby fileutils) escapes only \`.\` and \`$\`: \`a+b\` excludes \`aab\` and \`ab\`, \`p\\|q\` excludes \`p\`, \`(x)\` excludes \`x\` | a pattern without wildcards is compared as a name (\`a+b\` excludes \`a+b\`); with one, \`.\` \`+\` \`(\` \`)\` are escaped, \`\\|\` is not | \`dockerignore-regexp\`, \`dockerignore-regexp-wildcards\` |
| a \`.dockerignore\` pattern that starts with \`**\` and has no other wildcard | \`**\` not at the end is whole directories: \`**.go\` excludes \`.go\` and \`sub/.go\`, not \`main.go\` | a suffix: \`**.go\` excludes \`main.go\` too | \`dockerignore-doublestar\` |
| a \`.dockerignore\` pattern that does not compile (\`h[i\`, \`a(\`, \`[z-a]\`, a trailing \`\\\`) | \`error checking context: syntax error in pattern\` before anything is sent | \`invalid excludepatterns: [PATTERNS]: syntax error in pattern\` for what \`path.Match\` calls malformed, \`error from sender: failed to match excludepatterns: syntax error in pattern\` for \`[z-a]\`; \`a(\` is a name | \`dockerignore-bad-pattern\` |
| an empty or blank line inside a \`\\\` continuation | skipped, with \`[WARNING]: Empty continuation line found in:\` (in red, before the first step; not with \`-q\`) | skipped (no warning with \`-q\`) | \`empty-continuation-line\`, \`empty-continuation-log\` (20.10) |

Alike on both: a line continues in the next when it ends in one \`\\\` after another character (an escaped \`\\\\\` at the end continues nothing), and a continuation on the last line is dropped (\`continuation-backslashes\`); an \`ARG\` before the first \`FROM\` serves \`FROM\` lines (and \`--build-arg\` overrides it), a stage
sees it only when it declares it again; \`FROM\` an earlier stage, \`COPY --from\` a stage (by name or index) or an image keeps
the owners of what it copies (the destination directory it makes is root's, 0755); wildcards
(\`*\`, \`?\`, \`[...]\`) match whole context paths and \`*\` never crosses a \`/\`; \`ADD\` unpacks a local
tar archive recognised by its content whatever its name (plain, gzip, bzip2, xz; a gzip of a plain
file, a bzip2 stream of one and text named \`.tar.gz\` are copied as they are; bzip2 is decoded with
unbzip2-stream's pure-JavaScript decoder, xz with strata's own (\`src/archive/xz.ts\`: no
pure-JavaScript xz decoder fit for the core was found on npm, the candidates being native,
WebAssembly or built on Node's \`Buffer\`), which decodes LZMA2, what \`xz\` and \`tar -J\` write, and
refuses an xz file with another filter (BCJ, delta) by name; the host \`tar\` reads bzip2 and xz
archives and refuses to create them, having no compressor); \`.dockerignore\` exceptions (\`!\`) bring back a path below an excluded
directory (the directory is made 0755), and a Dockerfile or \`.dockerignore\` listed in it is not
there for \`COPY\` (\`COPY .\` leaves it out); \`COPY\` of a symlink named in the context copies the file
or directory it leads to, symlinks inside a copied directory stay symlinks; \`COPY\` onto a path that
is a symlink writes through it; \`COPY\` of a directory onto an existing one keeps the destination's
own mode and owner but gives the subdirectories it merges the source's mode and root's ownership;
a \`umask\` in a \`RUN\` step decides the modes of what it makes (and a volume filled from the image
keeps them).

`;
