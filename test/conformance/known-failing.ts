export const KNOWN_FAILING = new Set<string>([]);
