import type { ModuleCode } from '@yingshang/ui/types.ts';

/** Every business module, in sidebar order. Each has a route and menu entries whether or not it is built yet. */
export const MODULE_CODES = ['projects', 'enterprise', 'assessments', 'admin'] as const satisfies readonly ModuleCode[];

/**
 * The micro-frontends that are built and deployed (apps/<name>/dist → /apps/<name>/index.js). A module ships by
 * adding its line here: the import map, apps.json and the single-spa registration all follow from this list.
 */
const DEPLOYED: readonly ModuleCode[] = [
  'admin',
  'projects',
  'enterprise',
  'assessments',
];

export interface MicroFrontendEntry {
  name: ModuleCode;
  /** The bare specifier the import map resolves. */
  specifier: string;
  url: string;
  basePath: string;
}

export const microFrontends: readonly MicroFrontendEntry[] = DEPLOYED.map((name) => ({
  name,
  specifier: `@yingshang/app-${name}`,
  url: `/apps/${name}/index.js`,
  basePath: `/${name}`,
}));

export function microFrontendFor(code: ModuleCode): MicroFrontendEntry | undefined {
  return microFrontends.find((mf) => mf.name === code);
}
