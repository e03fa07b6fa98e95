// The scenario format: parse, normalize, compare, render, replay. See docs/scenario-format.md.
export * from './model.ts';
export * from './parse.ts';
export * from './normalize.ts';
export * from './diff.ts';
export * from './compare.ts';
export * from './render.ts';
export * from './replay.ts';
export * from './questions.ts';
