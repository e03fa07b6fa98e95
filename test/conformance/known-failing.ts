// Cases strata does not reproduce yet. Each is asserted to fail (see conformance.test.ts), so
// this list can only shrink. Every entry must say why it fails.
export const KNOWN_FAILING = new Set<string>([
]);
