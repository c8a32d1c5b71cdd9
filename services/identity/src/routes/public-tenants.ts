import { createRoute, z } from '@hono/zod-openapi';
import { tenantDirectoryEntry } from '@yingshang/contracts/identity';
import { serviceTx } from '@yingshang/service-kit';
import type { IdentityApp } from '../deps.ts';
import { listPublicTenants } from '../domain/tenants.ts';

const route = createRoute({
  method: 'get',
  path: '/api/identity/v1/public/tenants',
  tags: ['public'],
  summary: '已开通单位目录（门户页使用）',
  responses: {
    200: {
      description: 'active tenants, public columns only',
      content: { 'application/json': { schema: z.object({ items: z.array(tenantDirectoryEntry) }) } },
    },
  },
});

export const registerPublicTenants = (app: IdentityApp) =>
  app.openapi(route, async (c) => {
    const tenants = await serviceTx(c, listPublicTenants);
    c.header('cache-control', 'public, max-age=60');
    return c.json(
      {
        items: tenants.map(({ slug, name, shortName, kind, primaryColor, logo, rankingGroup }) => ({
          slug,
          name,
          shortName,
          kind,
          primaryColor,
          logo,
          rankingGroup,
        })),
      },
      200,
    );
  });
