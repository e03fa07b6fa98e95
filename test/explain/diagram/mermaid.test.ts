// The Mermaid flowchart: every line is one of the few statement forms Mermaid's flowchart grammar
// accepts as written here (quoted labels with entity codes, plain IDs, balanced subgraphs), every
// edge joins declared nodes, and the story is there: shared storage drawn once, removed objects
// dashed. (The files were also checked by hand with mermaid's own parser; it needs a DOM, so it is
// not a dependency of the tests.)
import { describe, expect, it } from 'vitest';
import { mermaidText, renderMermaid } from '../../../src/explain/diagram/mermaid.ts';
import { REAL_SCENARIOS, replayed } from './helpers.ts';

const LABEL = '"(?:[^"<>]|<br/>)*"';
const FORMS: RegExp[] = [
  /^flowchart LR$/,
  /^ {2}%% [^{}\n]*$/,
  new RegExp(`^ {2}subgraph C\\d+ \\[${LABEL}\\]$`),
  new RegExp(`^ {4}C\\d+(?:M\\d+|W|I)\\[${LABEL}\\]$`),
  new RegExp(`^ {2}(?:S\\d+|NOTE)(?:\\[${LABEL}\\]|\\[\\(${LABEL}\\)\\])$`),
  /^ {2}end$/,
  /^ {2}C\d+M\d+ (?:-->|-\.->)(?:\|"ro"\|)? S\d+$/,
  /^ {2}linkStyle \d+ stroke:#[0-9a-f]{6}$/,
  /^ {2}classDef [a-z]+ [a-z-]+:[^ ;]+(?:,[a-z-]+:[^,;]+)*$/,
  /^ {2}class [A-Z0-9,]+ [a-z]+$/,
];

function structure(text: string): { nodes: Set<string>; edges: [string, string, string][] } {
  const lines = text.trimEnd().split('\n');
  let depth = 0;
  const nodes = new Set<string>();
  const edges: [string, string, string][] = [];
  for (const line of lines) {
    expect(FORMS.some((f) => f.test(line)), `not a statement Mermaid takes: ${line}`).toBe(true);
    if (/^ {2}subgraph /.test(line)) depth++;
    if (line === '  end') depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
    const node = /^\s+([A-Z][A-Z0-9]*)[[(]/.exec(line);
    if (node && !line.trimStart().startsWith('subgraph')) nodes.add(node[1]);
    const edge = /^ {2}(\S+) (\S+?)(?:\|"ro"\|)? (\S+)$/.exec(line);
    if (edge && !line.includes('class') && !line.includes('linkStyle')) edges.push([edge[1], edge[2], edge[3]]);
  }
  expect(depth).toBe(0);
  for (const [from, , to] of edges) {
    expect(nodes.has(from), from).toBe(true);
    expect(nodes.has(to), to).toBe(true);
  }
  return { nodes, edges };
}

describe('Mermaid diagram', () => {
  it.each(REAL_SCENARIOS)('%s: every step is a well-formed flowchart', (file) => {
    const r = replayed(file);
    for (let step = 0; step <= r.steps; step++) structure(renderMermaid(r.at(step), { title: r.title }));
  });

  it('labels write the characters the grammar reserves as entity codes', () => {
    expect(mermaidText('index.php "<?php echo 1; ?>" # & `x`')).toBe('index.php #quot;#lt;?php echo 1; ?#gt;#quot; #35; #amp; #96;x#96;');
  });

  it('--volumes-from: the shared volume and bind are one node each, with an edge from every container', () => {
    const r = replayed('scenarios/walkthroughs/php-nginx-volumes-from.scenario');
    const text = renderMermaid(r.at(8), { title: r.title });
    const { edges } = structure(text);
    const into = (node: string): number => edges.filter((e) => e[2] === node).length;
    const volume = /^ {2}(S\d+)\[\("anonymous volume/m.exec(text)![1];
    const bind = /^ {2}(S\d+)\["host \$PWD\/default\.conf/m.exec(text)![1];
    expect(into(volume)).toBe(3);
    expect(into(bind)).toBe(3);
    expect(text).toMatch(/C2M0 -->\|"ro"\| S\d+/);
    expect(text).toContain('anonymous volume ');
    expect(text).toMatch(/^ {4}C2M1\["mount \/var\/www\/html<br\/>anonymous volume [0-9a-f]{12} \(--volumes-from code\)"\]$/m);
  });

  it('the PostgreSQL walkthrough at its end: removed boxes and dotted edges, the orphan in orange', () => {
    const r = replayed('scenarios/walkthroughs/postgres-named-volume.scenario');
    const text = renderMermaid(r.at(), { title: r.title });
    const { edges } = structure(text);
    expect(edges.every((e) => e[1] === '-.->')).toBe(true);
    const orphan = /^ {2}(S\d+)\[\("anonymous volume [0-9a-f]{12}<br\/>ORPHANED: no container uses it/m.exec(text)![1];
    expect(text).toContain(`  class ${orphan} orphaned`);
    const removed = /^ {2}class (\S+) removed$/m.exec(text)![1].split(',');
    expect(removed).toEqual(expect.arrayContaining(['C1', 'C1M0', 'C1M1', 'C1W', 'C1I', 'C2', 'C2M0']));
    expect(removed).not.toContain(orphan);
    expect(text).toContain('base/users #quot;alice#quot;');
  });
});
