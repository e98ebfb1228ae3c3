/** The seed catalog: what each document is, validated at load. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const CatalogEntry = z.object({
  file: z.string().regex(/\.txt$/, 'a seed is a .txt file'),
  title: z.string().min(5),
  number: z.string().optional(),
  kind: z.enum(['chỉ thị', 'báo cáo', 'tin bài', 'kế hoạch', 'quyết định', 'nghị quyết', 'công văn']),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'date is YYYY, YYYY-MM or YYYY-MM-DD'),
  years: z.array(z.number().int().min(1990).max(2100)).min(1),
  short: z.string().min(3).max(60),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const Catalog = z.array(CatalogEntry).min(1);

/** Reads and validates seeds/catalog.json; throws a readable error naming the bad entry. */
export function loadCatalog(seedsDir: string): CatalogEntry[] {
  const file = path.join(seedsDir, 'catalog.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): every seed needs an entry there (see README)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    // JSON.parse's own message names no file
    throw new Error(`${file} is corrupt, not JSON (${(err as Error).message}): fix or restore it`);
  }
  const parsed = Catalog.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${file} is not a valid catalog: ${issues}`);
  }
  return parsed.data;
}
