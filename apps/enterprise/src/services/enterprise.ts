import type {
  Appeal,
  AppealAction,
  AppealDetail,
  AppealStatistics,
  Cadre,
  CreateAppealRequest,
  CreateEnterpriseRequest,
  CreateParkRequest,
  CreatePairingRequest,
  CreatePolicyRequest,
  CreateVisitRequest,
  CriteriaItem,
  Enterprise,
  EnterpriseFile,
  MatchPreview,
  meSchema,
  Pairing,
  Park,
  parkList,
  Policy,
  PolicyMatch,
  publishResult,
  UpdateEnterpriseRequest,
  usccCheckResult,
  Visit,
} from '@yingshang/contracts/enterprise';
import type { ApiClient, Page } from '@yingshang/ui';

/** A zod schema's output type without bundling zod (the front end only imports contracts' types). */
type Output<T> = T extends { _zod: { output: infer O } } ? O : never;

export type EnterpriseMe = Output<typeof meSchema>;
export type ParkList = Output<typeof parkList>;
export type PublishResult = Output<typeof publishResult>;
export type UsccCheckResult = Output<typeof usccCheckResult>;
export type {
  Appeal,
  AppealAction,
  AppealDetail,
  AppealStatistics,
  Cadre,
  CriteriaItem,
  Enterprise,
  EnterpriseFile,
  MatchPreview,
  Pairing,
  Park,
  Policy,
  PolicyMatch,
  Visit,
};

export const V1 = '/api/enterprise/v1';

/** `If-Match: "<version>"`: an edit names the version it was made against (412 when someone saved since). */
export const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });
const idempotent = (key: string) => ({ headers: { 'idempotency-key': key } });

export type Query = Record<string, string | number | boolean | undefined | null>;
type Paged = { limit: number; cursor?: string };

export interface EnterpriseQuery extends Query {
  q?: string;
  industry?: string;
  size?: string;
  aboveThreshold?: 'true' | 'false';
  certification?: string;
  parkId?: string;
  cadreUserId?: string;
  sort?: string;
}

export interface AppealQuery extends Query {
  q?: string;
  status?: string;
  state?: 'open' | 'closed';
  category?: string;
  enterpriseId?: string;
  assignedUnit?: string;
  overdue?: 'true' | 'false';
  escalated?: 'true' | 'false';
  from?: string;
  to?: string;
}

export function enterpriseApi(api: ApiClient) {
  return {
    me: () => api.get<EnterpriseMe>(`${V1}/me`),
    enterprises: {
      list: (query: EnterpriseQuery & Paged) => api.get<Page<Enterprise> & { total: number }>(`${V1}/enterprises`, { query }),
      get: (id: string) => api.get<Enterprise>(`${V1}/enterprises/${id}`),
      file: (id: string) => api.get<EnterpriseFile>(`${V1}/enterprises/${id}/file`),
      create: (input: CreateEnterpriseRequest, key: string) => api.post<Enterprise>(`${V1}/enterprises`, input, idempotent(key)),
      update: (enterprise: Pick<Enterprise, 'id' | 'version'>, patch: UpdateEnterpriseRequest) =>
        api.patch<Enterprise>(`${V1}/enterprises/${enterprise.id}`, patch, ifMatch(enterprise.version)),
      checkUscc: (uscc: string) => api.post<UsccCheckResult>(`${V1}/uscc/check`, { uscc }),
    },
    cadres: {
      list: (query: { q?: string; limit?: number }) => api.get<{ items: Cadre[] }>(`${V1}/cadres`, { query }),
    },
    pairings: {
      list: (query: { enterpriseId?: string; cadreUserId?: string; active?: 'true' | 'false' }) =>
        api.get<{ items: Pairing[] }>(`${V1}/pairings`, { query }),
      create: (input: CreatePairingRequest) => api.post<Pairing>(`${V1}/pairings`, input),
      end: (pairing: Pick<Pairing, 'id' | 'version'>, endDate?: string) =>
        api.post<Pairing>(`${V1}/pairings/${pairing.id}/end`, endDate ? { endDate } : {}, ifMatch(pairing.version)),
    },
    visits: {
      list: (query: { enterpriseId?: string; cadreUserId?: string } & Paged) => api.get<Page<Visit>>(`${V1}/visits`, { query }),
      create: (input: CreateVisitRequest, key: string) => api.post<Visit>(`${V1}/visits`, input, idempotent(key)),
    },
    appeals: {
      list: (query: AppealQuery & Paged) => api.get<Page<Appeal> & { total: number }>(`${V1}/appeals`, { query }),
      get: (id: string) => api.get<AppealDetail>(`${V1}/appeals/${id}`),
      create: (input: CreateAppealRequest, key: string) => api.post<AppealDetail>(`${V1}/appeals`, input, idempotent(key)),
      act: (appeal: Pick<Appeal, 'id' | 'version'>, action: AppealAction, body: Record<string, unknown>) =>
        api.post<AppealDetail>(`${V1}/appeals/${appeal.id}/${action.replace(/_/g, '-')}`, body, ifMatch(appeal.version)),
      export: (query: AppealQuery) => api.raw(`${V1}/appeals/export`, { query, headers: { accept: '*/*' } }),
      statistics: (query: { from?: string; to?: string }) => api.get<AppealStatistics>(`${V1}/statistics/appeals`, { query }),
    },
    policies: {
      list: () => api.get<{ items: Policy[] }>(`${V1}/policies`),
      get: (id: string) => api.get<Policy>(`${V1}/policies/${id}`),
      create: (input: CreatePolicyRequest, key: string) => api.post<Policy>(`${V1}/policies`, input, idempotent(key)),
      update: (policy: Pick<Policy, 'id' | 'version'>, patch: Partial<CreatePolicyRequest>) =>
        api.patch<Policy>(`${V1}/policies/${policy.id}`, patch, ifMatch(policy.version)),
      preview: (criteria: CriteriaItem[]) => api.post<MatchPreview>(`${V1}/policies/preview`, { criteria }),
      publish: (policy: Pick<Policy, 'id' | 'version'>) => api.post<PublishResult>(`${V1}/policies/${policy.id}/publish`, {}, ifMatch(policy.version)),
    },
    matches: {
      list: (query: { policyId?: string; enterpriseId?: string; status?: string }) => api.get<{ items: PolicyMatch[] }>(`${V1}/matches`, { query }),
      confirm: (match: Pick<PolicyMatch, 'id' | 'version'>) => api.post<PolicyMatch>(`${V1}/matches/${match.id}/confirm`, {}, ifMatch(match.version)),
      advance: (match: Pick<PolicyMatch, 'id' | 'version'>, to: 'notified' | 'paid') =>
        api.post<PolicyMatch>(`${V1}/matches/${match.id}/advance`, { to }, ifMatch(match.version)),
    },
    parks: {
      list: () => api.get<ParkList>(`${V1}/parks`),
      create: (input: CreateParkRequest, key: string) => api.post<Park>(`${V1}/parks`, input, idempotent(key)),
      update: (park: Pick<Park, 'id' | 'version'>, patch: Partial<CreateParkRequest>) => api.patch<Park>(`${V1}/parks/${park.id}`, patch, ifMatch(park.version)),
    },
  };
}

export type EnterpriseApi = ReturnType<typeof enterpriseApi>;
