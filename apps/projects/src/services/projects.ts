import type {
  batchSummary,
  Blocker,
  blockerNote,
  blockerPage,
  CreateBlockerRequest,
  CreateProjectRequest,
  departmentOption,
  ImportResult,
  InvestmentReport,
  MonthlyReport,
  Project,
  projectPage,
  ProjectProgress,
  ProjectStatistics,
  StageHistoryEntry,
  StageMoveRequest,
  UpdateBlockerRequest,
  UpdateProjectRequest,
  UpsertReportRequest,
  upsertReportResult,
} from '@yingshang/contracts/projects';
import type { ApiClient } from '@yingshang/ui';

/** A zod schema's output type without bundling zod (the front end only imports contracts' types). */
type Output<T> = T extends { _zod: { output: infer O } } ? O : never;

export type ProjectPage = Output<typeof projectPage>;
export type BlockerPage = Output<typeof blockerPage>;
export type BlockerNote = Output<typeof blockerNote>;
export type BatchItem = Output<typeof batchSummary>['items'][number];
export type DepartmentOption = Output<typeof departmentOption>;
export type UpsertReportResult = Output<typeof upsertReportResult>;
export type { Blocker, ImportResult, InvestmentReport, MonthlyReport, Project, ProjectProgress, ProjectStatistics, StageHistoryEntry };

export const V1 = '/api/projects/v1';

/** `If-Match: "<version>"`: an edit names the version it was made against (412 when someone saved since). */
export const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });

export type Query = Record<string, string | number | boolean | undefined | null>;

/** The ledger's filters as `GET /projects` (and its export) take them. */
export interface ProjectQuery extends Query {
  q?: string;
  stage?: string;
  category?: string;
  strategy?: string;
  level?: string;
  batch?: string;
  departmentId?: string;
  includeSubDepartments?: 'true' | 'false';
  schedule?: string;
  attracted?: 'true' | 'false';
  month?: string;
  sort?: string;
}

export function projectsApi(api: ApiClient) {
  return {
    projects: {
      list: (query: ProjectQuery & { limit: number; cursor?: string }) => api.get<ProjectPage>(`${V1}/projects`, { query }),
      get: (id: string, month?: string) => api.get<Project>(`${V1}/projects/${id}`, { query: { month } }),
      create: (input: CreateProjectRequest, idempotencyKey: string) =>
        api.post<Project>(`${V1}/projects`, input, { headers: { 'idempotency-key': idempotencyKey } }),
      update: (project: Pick<Project, 'id' | 'version'>, patch: UpdateProjectRequest) =>
        api.patch<Project>(`${V1}/projects/${project.id}`, patch, ifMatch(project.version)),
      remove: (project: Pick<Project, 'id' | 'version'>) => api.delete<{ deleted: true }>(`${V1}/projects/${project.id}`, ifMatch(project.version)),
      advance: (id: string, move: StageMoveRequest) =>
        api.post<{ project: Project; entry: StageHistoryEntry }>(`${V1}/projects/${id}/stage`, move),
      stageHistory: (id: string) => api.get<{ items: StageHistoryEntry[] }>(`${V1}/projects/${id}/stage-history`),
      reports: (id: string, query: { year?: number; month?: string }) =>
        api.get<{ items: InvestmentReport[]; progress: ProjectProgress }>(`${V1}/projects/${id}/reports`, { query }),
      fileReport: (id: string, month: string, body: UpsertReportRequest, version?: number) =>
        api.put<UpsertReportResult>(`${V1}/projects/${id}/reports/${month}`, body, version === undefined ? {} : ifMatch(version)),
      exportLedger: (query: ProjectQuery) => api.raw(`${V1}/projects/export`, { query, headers: { accept: '*/*' } }),
      template: () => api.raw(`${V1}/projects/import-template`, { headers: { accept: '*/*' } }),
    },
    monthly: {
      get: (month: string) => api.get<MonthlyReport>(`${V1}/monthly-reports/${month}`),
      export: (month: string) => api.raw(`${V1}/monthly-reports/${month}/export`, { headers: { accept: '*/*' } }),
    },
    blockers: {
      list: (query: Query & { limit: number; cursor?: string }) => api.get<BlockerPage>(`${V1}/blockers`, { query }),
      get: (id: string) => api.get<Blocker>(`${V1}/blockers/${id}`),
      create: (projectId: string, input: CreateBlockerRequest) => api.post<Blocker>(`${V1}/projects/${projectId}/blockers`, input),
      update: (blocker: Pick<Blocker, 'id' | 'version'>, patch: UpdateBlockerRequest) =>
        api.patch<Blocker>(`${V1}/blockers/${blocker.id}`, patch, ifMatch(blocker.version)),
      note: (blocker: Pick<Blocker, 'id'>, input: { note: string; notedOn?: string }) => api.post<Blocker>(`${V1}/blockers/${blocker.id}/notes`, input),
      close: (blocker: Pick<Blocker, 'id' | 'version'>, input: { closureNote: string; closedOn?: string }) =>
        api.post<Blocker>(`${V1}/blockers/${blocker.id}/close`, input, ifMatch(blocker.version)),
    },
    statistics: (month?: string) => api.get<ProjectStatistics>(`${V1}/statistics`, { query: { month } }),
    batches: () => api.get<{ items: BatchItem[] }>(`${V1}/batches`),
    departments: () => api.get<{ items: DepartmentOption[] }>(`${V1}/departments`),
  };
}

export type ProjectsApi = ReturnType<typeof projectsApi>;
