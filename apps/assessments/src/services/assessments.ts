import type {
  AssessmentContext,
  AssignTaskRequest,
  CreateIndicatorRequest,
  CreatePeriodRequest,
  Indicator,
  IndicatorValue,
  MidyearView,
  Period,
  PeriodKind,
  Ranking,
  rankingSummary,
  scoreSheet,
  ScoreSheetRequest,
  SupervisionReportRequest,
  SupervisionTask,
  Target,
  TargetRequest,
  TenantGaps,
  Tour,
  tourSummary,
  UpdateIndicatorRequest,
  ValueRequest,
  VerifyResult,
  WeightSet,
  WeightSetRequest,
} from '@yingshang/contracts/assessments';
import type { ApiClient } from '@yingshang/ui';

/** A zod schema's output type without bundling zod (the front end only imports contracts' types). */
type Output<T> = T extends { _zod: { output: infer O } } ? O : never;

export type RankingSummary = Output<typeof rankingSummary>;
export type TourSummary = Output<typeof tourSummary>;
export type ScoreSheet = Output<typeof scoreSheet>;
export type {
  AssessmentContext,
  Indicator,
  IndicatorValue,
  MidyearView,
  Period,
  Ranking,
  SupervisionTask,
  Target,
  TenantGaps,
  Tour,
  VerifyResult,
  WeightSet,
  WeightSetRequest,
};
export type RankingEntry = Ranking['result']['entries'][number];
export type RankingIndicator = Ranking['indicators'][number];
export type AssessedTenant = AssessmentContext['tenants'][number];

export const V1 = '/api/assessments/v1';

/** `If-Match: "<version>"`: an edit names the version it was made against (412 when someone saved since). */
export const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });
const idempotent = () => ({ headers: { 'idempotency-key': crypto.randomUUID() } });

type Query = Record<string, string | number | boolean | undefined | null>;

export function assessmentsApi(api: ApiClient) {
  return {
    context: () => api.get<AssessmentContext>(`${V1}/context`),
    indicators: {
      list: () => api.get<{ items: Indicator[] }>(`${V1}/indicators`),
      create: (input: CreateIndicatorRequest) => api.post<Indicator>(`${V1}/indicators`, input, idempotent()),
      update: (item: Pick<Indicator, 'id' | 'version'>, patch: UpdateIndicatorRequest) =>
        api.patch<Indicator>(`${V1}/indicators/${item.id}`, patch, ifMatch(item.version)),
    },
    periods: {
      list: (query: { kind?: PeriodKind; year?: number } = {}) => api.get<{ items: Period[] }>(`${V1}/periods`, { query }),
      create: (body: CreatePeriodRequest) => api.post<Period>(`${V1}/periods`, body, idempotent()),
      update: (period: Pick<Period, 'id' | 'version'>, patch: { name?: string; status?: Period['status'] }) =>
        api.patch<Period>(`${V1}/periods/${period.id}`, patch, ifMatch(period.version)),
      weights: (periodId: string) => api.get<WeightSet>(`${V1}/periods/${periodId}/weights`),
      saveWeights: (periodId: string, body: WeightSetRequest, version?: number) =>
        api.put<WeightSet>(`${V1}/periods/${periodId}/weights`, body, version === undefined ? {} : ifMatch(version)),
    },
    targets: {
      list: (query: { periodId: string; tenantId?: string }) => api.get<{ items: Target[] }>(`${V1}/targets`, { query }),
      save: (periodId: string, indicatorId: string, body: TargetRequest, version?: number) =>
        api.put<Target>(`${V1}/periods/${periodId}/targets/${indicatorId}`, body, version === undefined ? {} : ifMatch(version)),
    },
    values: {
      list: (query: { periodId: string; tenantId?: string }) => api.get<{ items: IndicatorValue[] }>(`${V1}/values`, { query }),
      save: (periodId: string, indicatorId: string, body: ValueRequest, version?: number) =>
        api.put<IndicatorValue>(`${V1}/periods/${periodId}/values/${indicatorId}`, body, version === undefined ? {} : ifMatch(version)),
    },
    tours: {
      list: () => api.get<{ items: TourSummary[] }>(`${V1}/tours`),
      get: (id: string) => api.get<Tour>(`${V1}/tours/${id}`),
      sheets: (id: string) => api.get<{ items: ScoreSheet[] }>(`${V1}/tours/${id}/scores`),
      score: (id: string, body: ScoreSheetRequest) => api.put<ScoreSheet>(`${V1}/tours/${id}/scores`, body),
      close: (tour: Pick<TourSummary, 'id' | 'version'>) => api.post<Tour>(`${V1}/tours/${tour.id}/close`, {}, ifMatch(tour.version)),
    },
    supervision: {
      list: (query: Query = {}) => api.get<{ items: SupervisionTask[] }>(`${V1}/supervision/tasks`, { query }),
      assign: (body: AssignTaskRequest) => api.post<{ items: SupervisionTask[] }>(`${V1}/supervision/tasks`, body, idempotent()),
      report: (task: Pick<SupervisionTask, 'id' | 'version'>, body: SupervisionReportRequest) =>
        api.post<SupervisionTask>(`${V1}/supervision/tasks/${task.id}/reports`, body, ifMatch(task.version)),
    },
    rankings: {
      list: (query: Query = {}) => api.get<{ items: RankingSummary[] }>(`${V1}/rankings`, { query }),
      get: (id: string) => api.get<Ranking>(`${V1}/rankings/${id}`),
      compute: (periodId: string) => api.post<Ranking>(`${V1}/rankings`, { periodId }),
      review: (ranking: Pick<Ranking, 'id' | 'version'>) => api.post<Ranking>(`${V1}/rankings/${ranking.id}/review`, {}, ifMatch(ranking.version)),
      publish: (ranking: Pick<Ranking, 'id' | 'version'>) => api.post<Ranking>(`${V1}/rankings/${ranking.id}/publish`, {}, ifMatch(ranking.version)),
      verify: (id: string) => api.get<VerifyResult>(`${V1}/rankings/${id}/verify`),
      export: (id: string) => api.raw(`${V1}/rankings/${id}/export`, { headers: { accept: '*/*' } }),
    },
    gaps: (query: { periodId: string; tenantId?: string }) => api.get<TenantGaps>(`${V1}/gaps`, { query }),
    midyear: (query: { year: number; month?: number; tenantId?: string }) => api.get<MidyearView>(`${V1}/midyear`, { query }),
  };
}

export type AssessmentsApi = ReturnType<typeof assessmentsApi>;
