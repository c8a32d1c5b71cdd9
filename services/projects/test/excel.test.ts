import { expectProblem, rowCounts } from '@yingshang/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XlsxError, readFirstSheet, writeWorkbook } from '@yingshang/service-kit/xlsx';
import { API, type ProjectBody, type ProjectsHarness, newProject, projectsHarness } from './setup.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function build(rows: unknown[][], setup?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const row of rows) ws.addRow(row);
  setup?.(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function open(bytes: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as ArrayBuffer);
  return wb;
}

const cellValues = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

describe('the xlsx codec', () => {
  it('writes workbooks that ExcelJS reads: text, exact amounts, rates, dates, several sheets', async () => {
    const bytes = await writeWorkbook([
      {
        name: '台账',
        columns: [{ header: '项目名称' }, { header: '总投资（万元）', kind: 'money' }, { header: '完成率', kind: 'rate' }, { header: '开工日期', kind: 'date' }],
        rows: [
          ['郑州 <航空港> & “智能” 项目', '123456789.12', 0.8333, '2026-03-18'],
          ['空值行', null, null, null],
        ],
      },
      { name: '汇总', columns: [{ header: '项目' }], rows: [['合计']] },
    ]);
    const wb = await open(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['台账', '汇总']);
    const ws = wb.getWorksheet('台账')!;
    expect(cellValues(ws, 1)).toEqual(['项目名称', '总投资（万元）', '完成率', '开工日期']);
    const [name, amount, rate, day] = cellValues(ws, 2);
    expect(name).toBe('郑州 <航空港> & “智能” 项目');
    expect(amount).toBe(123456789.12);
    expect(rate).toBe(0.8333);
    expect((day as Date).toISOString().slice(0, 10)).toBe('2026-03-18');
    expect(ws.getCell('D2').numFmt).toBe('yyyy-mm-dd');
  });

  it('reads what ExcelJS writes: shared strings, rich text, numbers, dates, booleans; and its own output', async () => {
    const bytes = await build(
      [
        ['编号', '名称', '金额', '日期', '是否'],
        ['XM-1', '项目甲', 1234.5, new Date(Date.UTC(2026, 2, 18)), true],
      ],
      (ws) => {
        ws.getCell('B3').value = { richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }] };
        ws.getCell('D2').numFmt = 'yyyy"年"m"月"d"日"';
      },
    );
    const sheet = await readFirstSheet(bytes);
    expect(sheet.name).toBe('Sheet1');
    expect(sheet.rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(sheet.rows[1]!.cells).toEqual([
      { t: 'text', v: 'XM-1' },
      { t: 'text', v: '项目甲' },
      { t: 'number', v: 1234.5, raw: '1234.5' },
      { t: 'date', v: '2026-03-18' },
      { t: 'bool', v: true },
    ]);
    expect(sheet.rows[2]!.cells[1]).toEqual({ t: 'text', v: '富文本' });
    const own = await readFirstSheet(await writeWorkbook([{ name: 'x', columns: [{ header: 'a' }, { header: 'd', kind: 'date' }], rows: [['<&>', '2025-01-31']] }]));
    expect(own.rows[1]!.cells).toEqual([{ t: 'text', v: '<&>' }, { t: 'date', v: '2025-01-31' }]);
  });

  it('refuses what is not an .xlsx', async () => {
    await expect(readFirstSheet(new TextEncoder().encode('项目编号,项目名称\n1,2'))).rejects.toBeInstanceOf(XlsxError);
  });
});

describe('Excel import and export', () => {
  let h: ProjectsHarness;
  let token: string;
  beforeAll(async () => {
    h = await projectsHarness();
    token = await h.token(h.fx.a);
  });
  afterAll(() => h.db.close());

  const upload = (path: string, bytes: Uint8Array, t = token, slug = 'alpha') =>
    h.fetch(
      new Request(`http://${slug}.yingshang.test${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}`, 'content-type': XLSX },
        body: bytes as BodyInit,
      }),
    );
  const uploadForm = (path: string, bytes: Uint8Array) => {
    const form = new FormData();
    form.set('file', new File([bytes as BlobPart], '台账.xlsx', { type: XLSX }));
    return h.fetch(new Request(`http://alpha.yingshang.test${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form }));
  };
  const counts = () => rowCounts(h.db.pglite, ['projects.projects', 'projects.investment_reports', 'projects.annual_plans', 'audit.operation_log']);

  const LEDGER_HEADER = ['项目编号', '项目名称', '项目单位', '项目类别', '所属行业', '服务十大战略', '项目级别', '总投资(万元)', '责任单位', '是否招商引资', '项目阶段', '实际签约日期', '签约批次', '2026年计划投资（万元）'];

  it('imports a ledger with the column names people use (multipart, as browsers send it)', async () => {
    const bytes = await build([
      LEDGER_HEADER,
      ['IMP-001', '年产 5 万吨锂电材料项目', '豫能新材料有限公司', '战略性新兴产业', '新材料', '换道领跑、绿色低碳转型战略', '省重点', 320000, '发展和改革委员会', '是', '签约', new Date(Date.UTC(2026, 4, 20)), '2026Q2', '80000.5'],
      ['IMP-002', '智慧冷链物流园', '中原冷链集团', '现代服务业', '现代物流', '', '区重点', '45000.25', '', '否', '谋划', null, null, null],
    ]);
    const before = await counts();
    const res = await uploadForm(`${API}/projects/import`, bytes);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ dryRun: false, rows: 2, created: 2, updated: 0 });
    const after = await counts();
    expect(after['projects.projects']).toBe(before['projects.projects']! + 2);
    expect(after['audit.operation_log']).toBe(before['audit.operation_log']! + 1);
    const list = (await (await h.call('alpha', `${API}/projects?q=IMP-&sort=code`, { token })).json()) as { items: ProjectBody[] };
    expect(list.items[0]).toMatchObject({
      code: 'IMP-001',
      category: 'emerging_industry',
      strategies: ['lane_change', 'green_low_carbon'],
      level: 'provincial',
      totalInvestment: '320000.00',
      departmentName: '发展和改革委员会',
      attracted: true,
      stage: 'signed',
      actualSignDate: '2026-05-20',
      stageDate: '2026-05-20',
      signBatch: '2026Q2',
      annualPlans: [{ year: 2026, plannedInvestment: '80000.50' }],
    });
    expect(list.items[1]).toMatchObject({ code: 'IMP-002', departmentId: null, totalInvestment: '45000.25', stage: 'planning' });
  });

  it('refuses a file with bad rows whole, listing row, column and reason for each', async () => {
    const bytes = await build([
      LEDGER_HEADER,
      ['IMP-001', '重复编号', '某公司', '先进制造业', '', '', '市重点', 100, '', '', '', null, null, null],
      ['IMP-100', '', '某公司', '采矿业', '', '', '市重点', -5, '不存在的局', '也许', '签约', '2027-01-01', '2026Q9', '1.234'],
      ['IMP-101', '正常项目', '某公司', '先进制造业', '', '', '市重点', 100, '', '', '', null, null, null],
      ['IMP-101', '编号重复', '某公司', '先进制造业', '', '', '市重点', 100, '', '', '', null, null, null],
    ]);
    const before = await counts();
    const problem = await expectProblem(await upload(`${API}/projects/import`, bytes), 422);
    expect(problem.type).toContain('import-invalid');
    const rows = problem.rows as { row: number; column: string; reason: string }[];
    const at = (row: number) => rows.filter((r) => r.row === row).map((r) => r.column).sort();
    expect(at(2)).toEqual(['项目编号']);
    expect(at(3)).toEqual(['2026年计划投资（万元）', '实际签约日期', '总投资(万元)', '是否招商引资', '签约批次', '责任单位', '项目名称', '项目类别'].sort());
    expect(at(4)).toEqual([]);
    expect(at(5)).toEqual(['项目编号']);
    expect(rows.find((r) => r.row === 3 && r.column === '总投资(万元)')!.reason).toContain('负');
    expect(rows.find((r) => r.row === 3 && r.column === '实际签约日期')!.reason).toContain('今天');
    expect(rows.find((r) => r.row === 5)!.reason).toContain('第 4 行');
    expect(await counts()).toEqual(before);
  });

  it('refuses wrong or missing columns, an empty sheet and a file that is not .xlsx', async () => {
    const wrong = await expectProblem(await upload(`${API}/projects/import`, await build([['项目编码', '项目名称', '备注']])), 422);
    expect((wrong.rows as { column: string; reason: string }[]).map((r) => `${r.column}:${r.reason.slice(0, 4)}`).sort()).toEqual(
      ['备注:无法识别', '项目编码:无法识别', '项目单位:缺少必需', '项目类别:缺少必需', '项目级别:缺少必需', '总投资（万元）:缺少必需', '项目编号:缺少必需'].sort(),
    );
    await expectProblem(await upload(`${API}/projects/import`, await build([LEDGER_HEADER])), 422);
    const csv = await expectProblem(await upload(`${API}/projects/import`, new TextEncoder().encode('项目编号,项目名称')), 400);
    expect(csv.errors).toEqual([{ field: 'body.file', message: expect.stringContaining('.xlsx') }]);
  });

  it('checks without writing on a dry run', async () => {
    const bytes = await build([LEDGER_HEADER, ['DRY-1', '试导入', '某公司', '其他', '', '', '区重点', 1, '', '', '', null, null, null]]);
    const before = await counts();
    const res = await upload(`${API}/projects/import?dryRun=true`, bytes);
    expect(await res.json()).toEqual({ dryRun: true, rows: 1, created: 1, updated: 0 });
    expect(await counts()).toEqual(before);
  });

  it('exports the ledger with its headings and figures, and the export imports back into another district', async () => {
    const res = await h.call('alpha', `${API}/projects/export?q=IMP-`, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''%E9%A1%B9%E7%9B%AE%E5%8F%B0%E8%B4%A6-2026-11-26.xlsx");
    const bytes = new Uint8Array(await res.arrayBuffer());
    const ws = (await open(bytes)).worksheets[0]!;
    const header = cellValues(ws, 1);
    expect(header.slice(0, 6)).toEqual(['序号', '项目编号', '项目名称', '项目简称', '项目单位', '建设地点']);
    expect(header).toContain('2026年计划投资（万元）');
    expect(header).toContain('序时进度状态');
    const first = cellValues(ws, 2);
    expect(first[1]).toBe('IMP-001');
    expect(first[header.indexOf('总投资（万元）')]).toBe(320000);
    expect(first[header.indexOf('项目阶段')]).toBe('签约');
    expect(ws.rowCount).toBe(3);

    const bravo = await h.token(h.fx.b);
    // Bravo has no 发展和改革委员会: that one cell is refused, by name.
    const refused = await expectProblem(await upload(`${API}/projects/import`, bytes, bravo, 'bravo'), 422);
    expect(refused.rows).toEqual([{ row: 2, column: '责任单位', reason: '找不到责任单位“发展和改革委员会”' }]);
    const wb = await open(bytes);
    wb.worksheets[0]!.getCell(`${String.fromCharCode(65 + header.indexOf('责任单位'))}2`).value = null;
    const fixed = new Uint8Array(await wb.xlsx.writeBuffer());
    const ok = await upload(`${API}/projects/import`, fixed, bravo, 'bravo');
    expect(await ok.json()).toEqual({ dryRun: false, rows: 2, created: 2, updated: 0 });
  });

  it('serves an import template that imports as it is', async () => {
    const res = await h.call('alpha', `${API}/projects/import-template`, { token });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const dry = await upload(`${API}/projects/import?dryRun=true`, bytes);
    expect(await dry.json()).toEqual({ dryRun: true, rows: 1, created: 1, updated: 0 });
  });

  describe('monthly reports', () => {
    let code: string;
    beforeAll(async () => {
      const res = await h.call('alpha', `${API}/projects`, {
        token,
        body: newProject({ code: 'MR-1', totalInvestment: 1000, stage: 'started', actualStartDate: '2026-01-10', annualPlans: [{ year: 2026, plannedInvestment: 600 }] }),
      });
      code = ((await res.json()) as ProjectBody).code;
    });
    const HEADER = ['项目编号', '项目名称', '月份', '本月计划投资（万元）', '本月完成投资（万元）', '形象进度', '存在问题'];

    it('imports reports, then refiling the same file changes nothing', async () => {
      const bytes = await build([
        HEADER,
        [code, '（名称仅供核对）', '2026-09', 50, '40.5', '基础施工', ''],
        [code, '', new Date(Date.UTC(2026, 9, 1)), 60, 55, '主体施工', '雨季影响工期'],
      ]);
      const res = await upload(`${API}/monthly-reports/import`, bytes);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toEqual({ dryRun: false, rows: 2, created: 2, updated: 0 });
      const again = await upload(`${API}/monthly-reports/import`, bytes);
      expect(await again.json()).toEqual({ dryRun: false, rows: 2, created: 0, updated: 0 });
      const report = (await (await h.call('alpha', `${API}/monthly-reports/2026-10`, { token })).json()) as { items: { code: string; completedInvestment: string; ytdCompleted: string; problems: string }[] };
      expect(report.items.find((i) => i.code === code)).toMatchObject({ completedInvestment: '55.00', ytdCompleted: '95.50', problems: '雨季影响工期' });
    });

    it('refuses bad rows whole: unknown project, future month, bad amounts, duplicates, past the total unless confirmed', async () => {
      const before = await counts();
      const bytes = await build([
        HEADER,
        ['NOPE', '', '2026-08', 1, 1, '', ''],
        [code, '', '2026-12', 1, 1, '', ''],
        [code, '', '2026/8', -1, '1.005', '', ''],
        [code, '', '2026年7月', 1, 1, '', ''],
        [code, '', '2026-07', 1, 1, '', ''],
        [code, '', '2026-06', 1, 2000, '', ''],
      ]);
      const problem = await expectProblem(await upload(`${API}/monthly-reports/import`, bytes), 422);
      expect((problem.rows as { row: number; column: string }[]).map((r) => `${r.row}:${r.column}`)).toEqual([
        '2:项目编号',
        '3:月份',
        '4:本月计划投资（万元）',
        '4:本月完成投资（万元）',
        '6:月份',
        '7:本月完成投资（万元）',
      ]);
      expect(await counts()).toEqual(before);
      const confirmed = await upload(`${API}/monthly-reports/import?confirmExceedsTotal=true`, await build([HEADER, [code, '', '2026-06', 1, 2000, '', '']]));
      expect(await confirmed.json()).toMatchObject({ rows: 1, created: 1 });
    });

    it('exports the month with a summary sheet', async () => {
      const res = await h.call('alpha', `${API}/monthly-reports/2026-10/export`, { token });
      expect(res.status).toBe(200);
      const wb = await open(new Uint8Array(await res.arrayBuffer()));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['2026-10 投资月报', '汇总']);
      const ws = wb.worksheets[0]!;
      const header = cellValues(ws, 1);
      const row = [...Array(ws.rowCount).keys()].map((i) => cellValues(ws, i + 1)).find((r) => r[1] === code)!;
      expect(row[header.indexOf('本月完成投资（万元）')]).toBe(55);
      expect(row[header.indexOf('年度累计完成（万元）')]).toBe(2095.5);
      // The export is the import's format: filled in and sent back, rows left blank are skipped, the rest unchanged.
      const back = await upload(`${API}/monthly-reports/import?confirmExceedsTotal=true`, new Uint8Array(await wb.xlsx.writeBuffer()));
      expect(back.status, await back.clone().text()).toBe(200);
      expect(await back.json()).toMatchObject({ rows: 1, created: 0, updated: 0 });
    });
  });
});
