import type {
  ApiClient,
  Branding,
  Department,
  DepartmentNode,
  DictionaryItem,
  Invitation,
  OperationLogEntry,
  Page,
  PermissionCatalogueView,
  ReceivedNotice,
  ReceivedNoticeSummary,
  Role,
  SentNotice,
  SignInLogEntry,
  TenantSummary,
  User,
} from '@yingshang/ui';

const V1 = '/api/identity/v1';

/** `If-Match: "<version>"`: every edit says which version it was made against (412 when someone saved since). */
export const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });

/**
 * `Idempotency-Key` for a create: one key per dialog opening, so a retry after a lost answer cannot create the record
 * twice (the service answers the first result again).
 */
const once = (key?: string) => (key ? { headers: { 'idempotency-key': key } } : {});
export const newIdempotencyKey = (): string => crypto.randomUUID();

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface TenantRegistration {
  name: string;
  shortName?: string;
  kind: 'district' | 'county_city' | 'county' | 'devzone';
  divisionCode: string;
  rankingGroup?: string;
  allowedModules?: string[];
}

export interface DepartmentInput {
  code: string;
  name: string;
  parentId: string | null;
  sortOrder: number;
}

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  phone: string | null;
  departmentId: string | null;
  roleId: string;
}

export interface RoleInput {
  code: string;
  name: string;
  permissions: string[];
  dataScope: Role['dataScope'];
}

export interface NoticeInput {
  title: string;
  body: string;
  level: 'normal' | 'important' | 'urgent';
  audience: 'all' | 'tenants';
  tenantIds?: string[];
}

/** The identity service's endpoints the admin pages use, over the shell's authenticated client. */
export function identityApi(api: ApiClient) {
  return {
    tenants: {
      list: (query: Query) => api.get<{ items: TenantSummary[] }>(`${V1}/tenants`, { query }),
      register: (body: TenantRegistration) => api.post<{ tenant: TenantSummary; invitation: Invitation }>(`${V1}/tenants`, body),
      reissue: (id: string) => api.post<Invitation>(`${V1}/tenants/${id}/invitation`),
      revoke: (id: string) => api.delete<{ revoked: number }>(`${V1}/tenants/${id}/invitation`),
      suspend: (tenant: TenantSummary, reason: string) =>
        api.post<TenantSummary>(`${V1}/tenants/${tenant.id}/suspend`, { reason }, ifMatch(tenant.version)),
      reactivate: (tenant: TenantSummary) => api.post<TenantSummary>(`${V1}/tenants/${tenant.id}/reactivate`, undefined, ifMatch(tenant.version)),
    },
    settings: {
      get: () => api.get<Branding>(`${V1}/settings/branding`),
      saveBranding: (version: number, body: Pick<Branding, 'name' | 'shortName' | 'primaryColor' | 'logo'>) =>
        api.put<Branding>(`${V1}/settings/branding`, body, ifMatch(version)),
      saveModules: (version: number, modules: string[]) => api.put<Branding>(`${V1}/settings/modules`, { modules }, ifMatch(version)),
    },
    departments: {
      tree: () => api.get<{ items: DepartmentNode[]; total: number }>(`${V1}/departments/tree`),
      create: (body: DepartmentInput, key?: string) => api.post<Department>(`${V1}/departments`, body, once(key)),
      update: (department: Department, body: Partial<DepartmentInput>) =>
        api.patch<Department>(`${V1}/departments/${department.id}`, body, ifMatch(department.version)),
      remove: (department: Department) => api.delete<void>(`${V1}/departments/${department.id}`, ifMatch(department.version)),
    },
    users: {
      list: (query: Query) => api.get<Page<User>>(`${V1}/users`, { query }),
      create: (body: UserInput, key?: string) => api.post<User>(`${V1}/users`, body, once(key)),
      update: (user: User, body: Partial<Omit<UserInput, 'username' | 'password'>>) =>
        api.patch<User>(`${V1}/users/${user.id}`, body, ifMatch(user.version)),
      resetPassword: (user: User, newPassword: string) =>
        api.post<User>(`${V1}/users/${user.id}/reset-password`, { newPassword }, ifMatch(user.version)),
      setEnabled: (user: User, enabled: boolean) =>
        api.post<User>(`${V1}/users/${user.id}/${enabled ? 'enable' : 'disable'}`, undefined, ifMatch(user.version)),
    },
    roles: {
      list: () => api.get<Page<Role>>(`${V1}/roles`, { query: { limit: 100 } }),
      catalogue: () => api.get<PermissionCatalogueView>(`${V1}/permissions/catalogue`),
      create: (body: RoleInput, key?: string) => api.post<Role>(`${V1}/roles`, body, once(key)),
      update: (role: Role, body: Partial<RoleInput>) => api.patch<Role>(`${V1}/roles/${role.id}`, body, ifMatch(role.version)),
      remove: (role: Role) => api.delete<void>(`${V1}/roles/${role.id}`, ifMatch(role.version)),
    },
    audit: {
      operations: (query: Query, allTenants = false) =>
        api.get<Page<OperationLogEntry>>(`${V1}/audit/${allTenants ? 'all-tenants/' : ''}operation-logs`, { query }),
      signIns: (query: Query, allTenants = false) =>
        api.get<Page<SignInLogEntry>>(`${V1}/audit/${allTenants ? 'all-tenants/' : ''}sign-in-logs`, { query }),
    },
    notices: {
      received: (query: Query) => api.get<Page<ReceivedNoticeSummary>>(`${V1}/notices`, { query }),
      open: (id: string) => api.get<ReceivedNotice>(`${V1}/notices/${id}`),
      sent: (query: Query) => api.get<Page<SentNotice>>(`${V1}/notices/sent`, { query }),
      create: (body: NoticeInput & { publish: boolean }, key?: string) =>
        api.post<{ notice: SentNotice; delivered: number }>(`${V1}/notices`, body, once(key)),
      updateDraft: (notice: SentNotice, body: Partial<NoticeInput>) =>
        api.patch<SentNotice>(`${V1}/notices/sent/${notice.id}`, body, ifMatch(notice.version)),
      publishDraft: (notice: SentNotice) =>
        api.post<{ notice: SentNotice; delivered: number }>(`${V1}/notices/sent/${notice.id}/publish`, undefined, ifMatch(notice.version)),
    },
    dictionaries: (codes: readonly string[]) =>
      api.get<{ dictionaries: Record<string, DictionaryItem[]> }>(`${V1}/dictionaries`, { query: { codes: codes.join(',') } }),
  };
}

export type IdentityApi = ReturnType<typeof identityApi>;
