import type { DepartmentNode } from '@yingshang/ui';

/** Nodes whose name or code matches, with their ancestors (so the match stays in its place in the tree). */
export function filterTree(nodes: readonly DepartmentNode[], keyword: string): DepartmentNode[] {
  const needle = keyword.trim().toLowerCase();
  if (!needle) return [...nodes];
  const out: DepartmentNode[] = [];
  for (const node of nodes) {
    const children = filterTree(node.children, keyword);
    if (node.name.toLowerCase().includes(needle) || node.code.toLowerCase().includes(needle) || children.length > 0) {
      out.push({ ...node, children });
    }
  }
  return out;
}

/** The ids of a node and everything under it: a department cannot move under itself. */
export function subtreeIds(node: DepartmentNode): Set<string> {
  const ids = new Set<string>([node.id]);
  for (const child of node.children) for (const id of subtreeIds(child)) ids.add(id);
  return ids;
}

export interface TreeOption {
  value: string;
  label: string;
  code: string;
  disabled?: boolean;
  children?: TreeOption[];
}

export function treeOptions(nodes: readonly DepartmentNode[], disabled: Set<string> = new Set()): TreeOption[] {
  return nodes.map((node) => ({
    value: node.id,
    label: node.name,
    code: node.code,
    disabled: disabled.has(node.id),
    ...(node.children.length ? { children: treeOptions(node.children, disabled) } : {}),
  }));
}

export function countNodes(nodes: readonly DepartmentNode[]): number {
  return nodes.reduce((n, node) => n + 1 + countNodes(node.children), 0);
}

export function findNode(nodes: readonly DepartmentNode[], id: string): DepartmentNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return undefined;
}
