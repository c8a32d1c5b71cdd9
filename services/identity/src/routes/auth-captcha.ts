import { createRoute, z } from '@hono/zod-openapi';
import type { IdentityApp } from '../deps.ts';
import { createCaptcha } from '../domain/captcha.ts';

const route = createRoute({
  method: 'get',
  path: '/api/identity/v1/auth/captcha',
  tags: ['auth'],
  summary: '图形验证码（密码多次错误后登录需要）',
  responses: {
    200: {
      description: 'an SVG challenge; send its id and the code with the next sign-in',
      content: {
        'application/json': { schema: z.object({ captchaId: z.string(), image: z.string(), expiresIn: z.number().int() }) },
      },
    },
  },
});

export const registerCaptcha = (app: IdentityApp) =>
  app.openapi(route, async (c) => {
    const { captchaId, image, expiresIn } = await createCaptcha(c.env.JWT_SECRET);
    c.header('cache-control', 'no-store');
    return c.json({ captchaId, image, expiresIn }, 200);
  });
