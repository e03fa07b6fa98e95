// A question strata declines to answer while a command runs: the answer depends on something it
// does not simulate (a health check's result, say). The docker and compose CLIs catch it and
// print its message as a refusal (exit 125); it is never turned into a template or format error.
export class NotSimulated extends Error {}
