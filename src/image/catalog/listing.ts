// `strata images --catalog`: the stand-in images a scenario can name, with what decides where
// their data lives (VOLUME, WORKDIR, USER), as the stand-in's built config has them.

import type { EngineProfile } from '../../engine/profile.ts';
import { standInConfig } from '../pull.ts';
import { catalogEntries } from './index.ts';

export interface CatalogListing {
  image: string;
  volumes: string[];
  workdir: string;
  user: string;
}

export function listCatalog(profile: EngineProfile): CatalogListing[] {
  return catalogEntries().map((e) => {
    const cfg = standInConfig(profile, e);
    return { image: `${e.repository}:${e.tag}`, volumes: Object.keys(cfg.Volumes ?? {}).sort(), workdir: cfg.WorkingDir, user: cfg.User };
  });
}

/** The listing as a table in the docker CLI's style (columns padded, three spaces apart). */
export function formatCatalog(rows: CatalogListing[]): string {
  const cells = [['IMAGE', 'VOLUMES', 'WORKDIR', 'USER'], ...rows.map((r) => [r.image, r.volumes.join(',') || '-', r.workdir || '-', r.user || '-'])];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  return cells.map((c) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i] + 3))).join('')).join('\n') + '\n';
}
