// strata's exit statuses (src/cli/main.ts says what each means), in a file of their own: both the
// program (main.ts) and the verbs' work (commands.ts) use them, and the bundle keeps those two in
// separate files (scripts/build.mjs).

/** Exit statuses; when several files fail differently, badInput wins over refused over mismatch. */
export const EXIT = { ok: 0, mismatch: 1, badInput: 2, refused: 125 } as const;
