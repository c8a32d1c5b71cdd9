/**
 * The criteria builder's model: rows of field / operator / value as the contracts define them (CRITERION_FIELDS,
 * CRITERION_OPS), and groups of rows of which any one must hold. Converts to and from the API's criteria items.
 */
import { CRITERION_FIELDS, CRITERION_OPS, type CriteriaItem, type Criterion, type CriterionField, type CriterionFieldInfo } from '@yingshang/contracts/enterprise';

export interface Row {
  key: number;
  field: string;
  op: string;
  /** number (and between's lower bound), boolean, string list, or text by kind. */
  value: unknown;
  upper: number | undefined;
  label?: string;
}
export interface Group {
  key: number;
  any: Row[];
  label?: string;
}
export type Item = Row | Group;
export const isGroup = (item: Item): item is Group => 'any' in item;

let next = 0;
export const nextKey = () => ++next;

export const fieldInfo = (field: string): CriterionFieldInfo | undefined =>
  field in CRITERION_FIELDS ? (CRITERION_FIELDS[field as CriterionField] as CriterionFieldInfo) : undefined;
export const opsFor = (field: string): readonly string[] => {
  const info = fieldInfo(field);
  return info ? CRITERION_OPS[info.kind] : [];
};

/** A fresh value for a field and operator (what the value editor starts from). */
export function defaultValue(field: string, op: string): unknown {
  const info = fieldInfo(field);
  if (!info) return undefined;
  switch (info.kind) {
    case 'boolean':
      return true;
    case 'set':
      return [];
    case 'tags':
      return op === 'has' ? '' : [];
    case 'declaration':
      return '';
    default:
      return undefined;
  }
}

export function newRow(field = 'aboveThreshold'): Row {
  const op = opsFor(field)[0] ?? '';
  return { key: nextKey(), field, op, value: defaultValue(field, op), upper: undefined };
}

export function toItems(criteria: readonly Record<string, unknown>[]): Item[] {
  const row = (c: Record<string, unknown>): Row => {
    const between = c.op === 'between' && Array.isArray(c.value);
    return {
      key: nextKey(),
      field: String(c.field ?? ''),
      op: String(c.op ?? ''),
      value: between ? (c.value as number[])[0] : c.value,
      upper: between ? (c.value as number[])[1] : undefined,
      ...(typeof c.label === 'string' ? { label: c.label } : {}),
    };
  };
  return criteria.map((c) =>
    Array.isArray(c.any) ? { key: nextKey(), any: (c.any as Record<string, unknown>[]).map(row), ...(typeof c.label === 'string' ? { label: c.label } : {}) } : row(c),
  );
}

export function toCriteria(items: readonly Item[]): CriteriaItem[] {
  const one = (r: Row): Criterion => ({
    field: r.field,
    op: r.op,
    value: r.op === 'between' ? [r.value, r.upper] : r.value,
    ...(r.label ? { label: r.label } : {}),
  });
  return items.map((item) => (isGroup(item) ? { any: item.any.map(one), ...(item.label ? { label: item.label } : {}) } : one(item)));
}
