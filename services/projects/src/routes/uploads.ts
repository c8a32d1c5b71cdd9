import type { Context } from 'hono';
import { fieldProblem } from '../domain/problems.ts';
import { XLSX } from './shared.ts';

/** The uploaded workbook: a multipart form's `file` field (what browsers send), or the raw .xlsx body. */
// oxlint-disable-next-line typescript/no-explicit-any -- any kit app's context
export async function readUpload(c: Context<any>): Promise<Uint8Array> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  let bytes: Uint8Array;
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.formData();
    const file = form.get('file');
    if (!file || typeof file === 'string') throw fieldProblem('body.file', '请选择要导入的 Excel 文件（表单字段 file）');
    bytes = new Uint8Array(await file.arrayBuffer());
  } else if (type.startsWith(XLSX) || type.startsWith('application/octet-stream')) {
    bytes = new Uint8Array(await c.req.arrayBuffer());
  } else {
    throw fieldProblem('body.file', '请以 multipart/form-data（字段 file）或 .xlsx 文件本身上传');
  }
  if (bytes.length === 0) throw fieldProblem('body.file', '文件是空的');
  // Every .xlsx is a ZIP archive: refuse .xls, .csv and the like with a message people can act on.
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw fieldProblem('body.file', '只支持 .xlsx 格式的 Excel 文件，请另存为 .xlsx 后重试');
  return bytes;
}

/** Thrown to roll a dry run back after everything was checked and written. */
export class DryRun<T> extends Error {
  constructor(readonly result: T) {
    super('dry run');
  }
}

export async function maybeDryRun<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DryRun) return err.result as T;
    throw err;
  }
}
