import { createRoute } from '@hono/zod-openapi';
import { dictionaries, dictionaryQuery } from '@yingshang/contracts/organisation';
import { guard, problemResponses, tenantTx } from '@yingshang/service-kit';
import type { IdentityApp } from '../../deps.ts';
import { loadDictionaries, parseCodes } from '../../domain/organisation/dictionaries.ts';
import { API, bearer, json } from './shared.ts';

export function registerDictionaryRoutes(app: IdentityApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API}/dictionaries`,
      tags: ['dictionaries'],
      summary: '数据字典：各模块枚举的中文名称与标签颜色（全部，或 ?codes=a,b）',
      security: bearer,
      middleware: guard(),
      request: { query: dictionaryQuery },
      responses: { 200: json(dictionaries, 'items grouped by dictionary code'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const codes = parseCodes(c.req.valid('query').codes);
      const result = await tenantTx(c, (tx) => loadDictionaries(tx, codes));
      // National reference data that changes with a release, not per request: the browser may keep it a while.
      c.header('cache-control', 'private, max-age=300');
      return c.json({ dictionaries: result }, 200);
    },
  );
}
