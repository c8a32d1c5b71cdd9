import type { Context } from 'hono';
import { HttpProblem } from './problem.ts';

/**
 * The version the client last saw, from `If-Match` (`"3"`, `W/"3"` or `3`). Edits without it are refused (428):
 * a write that cannot say what it overwrites would silently drop someone else's change.
 */
export function requiredIfMatch(c: Context): number {
  const header = c.req.header('if-match');
  if (!header) {
    throw new HttpProblem(428, 'precondition-required', '缺少版本号', '修改请求必须带 If-Match 头（记录的当前版本号），以免覆盖他人的修改');
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new HttpProblem(400, 'bad-if-match', 'If-Match 格式有误', 'If-Match 应为记录的版本号，例如 "3"');
  return Number(match[1]);
}

/** 412 with the current version, so the client can reload and reapply its change. */
export function staleVersion(current: number): HttpProblem {
  return new HttpProblem(412, 'stale-version', '数据已被他人修改', `该记录已更新到版本 ${current}，请刷新后重新修改`, {
    currentVersion: current,
  });
}

export function setEtag(c: Context, version: number): void {
  c.header('etag', `"${version}"`);
}
