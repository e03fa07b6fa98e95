// A shell's defined functions as the engine's state keeps them (src/shell/ast.ts DefinedFunction):
// immer neither drafts nor walks them, so a waiting shell's functions enter the state without a
// walk of their bodies, and the bodies stay the parse's own objects.

import { freeze, isDraftable, produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { scriptChunks } from '../../src/shell/index.ts';
import { DefinedFunction, LazyFunctionDef, type FunctionDef } from '../../src/shell/ast.ts';

/** The function definition a one-line script parses to. */
function definition(src: string): FunctionDef {
  const cmd = scriptChunks(src)![0].list.items[0].head.commands[0];
  if (cmd.kind !== 'function') throw new Error('not a function definition');
  return cmd;
}

describe('DefinedFunction', () => {
  it('is not draftable: immer keeps it by reference and does not freeze the parse below it', () => {
    const def = definition('greet() { echo "hi $1"; return 3; }');
    const f = new DefinedFunction(def.name, def.body, def.line);
    expect(isDraftable(f)).toBe(false);
    // as a waiting shell's functions enter the state: a produce that adds them, auto-frozen
    const state = produce({ functions: [] as [string, FunctionDef][] }, (d) => {
      d.functions.push(['greet', f]);
    });
    expect(Object.isFrozen(state.functions)).toBe(true);
    expect(state.functions[0][1]).toBe(f);
    expect(Object.isFrozen(def.body)).toBe(false);
    // a deep freeze of the state stops at it too
    freeze(state, true);
    expect(Object.isFrozen(def.body)).toBe(false);
    // what the interpreter reads of a function
    expect([f.kind, f.name, f.body, f.line]).toEqual(['function', 'greet', def.body, def.line]);
    expect(Object.isFrozen(f)).toBe(true);
  });
});

describe('LazyFunctionDef', () => {
  it('decodes its body at the first read only, the same object after, and works frozen and in a state', () => {
    const def = definition('greet() { echo "hi $1"; return 3; }');
    let decodes = 0;
    const f = new LazyFunctionDef(def.name, def.line, () => {
      decodes++;
      return def.body;
    });
    expect(decodes).toBe(0);
    expect(isDraftable(f)).toBe(false);
    expect(Object.isFrozen(f)).toBe(true);
    // as a waiting shell's rest enters the state: frozen there, the body still unread
    const state = produce({ functions: [] as [string, FunctionDef][] }, (d) => {
      d.functions.push(['greet', f]);
    });
    freeze(state, true);
    expect(state.functions[0][1]).toBe(f);
    expect(decodes).toBe(0);
    expect([f.kind, f.name, f.line]).toEqual(['function', 'greet', def.line]);
    expect(decodes).toBe(0);
    expect(f.body).toBe(def.body);
    expect(f.body).toBe(def.body);
    expect(decodes).toBe(1);
  });
});
