// The bench runner: `pnpm bench [filter...]` (root script `node bench/run.ts`). Node strips the
// types, so only erasable TypeScript is used here.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult, BenchSuite } from './types.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));

function isSuite(value: unknown): value is BenchSuite {
  const v = value as Partial<BenchSuite> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.run === 'function';
}

function format(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function printTable(suite: string, results: readonly BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    `${format(r.value)} ${r.unit}`,
    r.ratio === undefined ? 'baseline' : `${format(r.ratio)}×`,
    r.baseline ?? '',
  ]);
  const head = ['benchmark', 'value', 'ratio', 'compared with'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  console.log(`\n${suite}`);
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
const selected = filters.length === 0 ? files : files.filter((f) => filters.some((x) => f.includes(x)));
if (selected.length === 0) {
  console.error(
    `No bench matches ${filters.join(', ')}. Available: ${files.map((f) => f.replace('.bench.ts', '')).join(', ')}`,
  );
  process.exit(1);
}

const suites: { name: string; file: string; results: BenchResult[] }[] = [];
for (const file of selected) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown };
  if (!isSuite(mod.default)) {
    console.error(`${file} must default-export { name, run(): Promise<BenchResult[]> }.`);
    process.exit(1);
  }
  const suite = mod.default;
  process.stdout.write(`running ${suite.name} (${file})…`);
  const started = performance.now();
  const results = await suite.run();
  process.stdout.write(` ${((performance.now() - started) / 1000).toFixed(1)}s\n`);
  printTable(suite.name, results);
  suites.push({ name: suite.name, file, results });
}

const out = path.join(dir, '.data', 'results.json');
await mkdir(path.dirname(out), { recursive: true });
const report = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cpus: os.cpus().length,
  suites,
};
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
