import { writeFileSync } from 'node:fs';

export interface Figure {
  target: string;
  group: string;
  figure: string;
  /** One value, or p50/p95/p99. */
  value: number | number[];
  unit: string;
  budget: { op: '<='; value: number; of: 'p99' | 'p50' | 'ratio' | 'size' | 'startup' | 'lcp' | 'ms' } | null;
  note: string;
}

const fmt = (n: number | null) => (n === null || Number.isNaN(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function valueText(f: Figure): string {
  return Array.isArray(f.value) ? `${f.value.map(fmt).join(' / ')} ${f.unit}` : `${fmt(f.value)} ${f.unit}`;
}

/** The number the budget applies to: p99 or p50 of a triple, or the value. */
function judged(f: Figure): number {
  // NaN went through JSON as null (a figure kept from an earlier run).
  const v = Array.isArray(f.value) ? (f.budget?.of === 'p50' ? f.value[0] : f.value[2]) : f.value;
  return v ?? Number.NaN;
}

export function verdict(f: Figure): string {
  if (!f.budget) return '';
  const v = judged(f);
  // A load step in which no request completed: every one took longer than the window.
  if (Number.isNaN(v)) return f.note.includes('none completed') ? 'MISSED (none completed in the window)' : '—';
  return v <= f.budget.value ? 'ok' : `MISSED by ${fmt(v - f.budget.value)} ${f.unit === '×' ? '×' : f.unit} (${fmt((v / f.budget.value) * 100)} % of budget)`;
}

const budgetText = (f: Figure) => (f.budget ? `${f.budget.of === 'p99' ? 'p99 ' : f.budget.of === 'p50' ? 'p50 ' : ''}≤ ${f.budget.value} ${f.unit}` : '');

export function printFigures(figures: Figure[]) {
  console.log('\n=== results ===');
  let group = '';
  for (const f of figures) {
    const g = `${f.target} · ${f.group}`;
    if (g !== group) {
      console.log(`\n[${g}]`);
      group = g;
    }
    const budget = budgetText(f);
    console.log(`  ${f.figure.padEnd(70)} ${valueText(f).padStart(24)}  ${budget ? `budget ${budget}` : ''}${f.budget ? `  ${verdict(f)}` : ''}${f.note ? `  (${f.note})` : ''}`);
  }
}

export function writeMarkdown(file: string, figures: Figure[], meta: { today: string; minutes: number }) {
  const lines = [`Bench run for ${meta.today}, ${meta.minutes.toFixed(1)} min.`, '', '| where | figure | value | budget | verdict | note |', '| --- | --- | --- | --- | --- | --- |'];
  for (const f of figures) lines.push(`| ${f.target} | ${f.figure} | ${valueText(f)} | ${budgetText(f)} | ${verdict(f)} | ${f.note} |`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}
