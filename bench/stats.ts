// How each figure is reported: the median of its samples with the spread around it (the
// interquartile range), so that one noisy sample on a shared machine moves nothing.

export interface Figure {
  name: string;
  /** One number per sample, in `unit`. */
  samples: number[];
  unit: string;
  /** The goal, in words (`≤ 70 µs`), when the figure has one. */
  target?: string;
  /** Whether the median meets the goal (undefined: no goal). */
  met?: boolean;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

export function median(samples: number[]): number {
  return quantile([...samples].sort((a, b) => a - b), 0.5);
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  return a >= 100 ? n.toFixed(0) : a >= 10 ? n.toFixed(1) : a >= 1 ? n.toFixed(2) : n.toPrecision(2);
}

/** `median ±half the interquartile range unit (n samples)`. */
export function describe(f: Figure): string {
  const s = [...f.samples].sort((a, b) => a - b);
  const m = quantile(s, 0.5);
  const spread = (quantile(s, 0.75) - quantile(s, 0.25)) / 2;
  return `${fmt(m)} ±${fmt(spread)} ${f.unit} (n=${s.length})`;
}

/** A Markdown table of the figures (the README shows it). */
export function table(figures: Figure[]): string {
  const rows = figures.map((f) => `| ${f.name} | ${describe(f)} | ${f.target ?? ''} | ${f.met === undefined ? '' : f.met ? 'yes' : 'no'} |`);
  return ['| figure | median ± IQR/2 | target | met |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** CPU microseconds (user + system, every thread of the process) spent in f. */
export function cpuMicros(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return d.user + d.system;
}
