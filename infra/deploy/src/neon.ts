import {
  createApiClient,
  EndpointType,
  type Api,
  type Branch,
  type Database,
  type Endpoint,
  type Operation,
  type Project,
  type Role,
} from '@neondatabase/api-client';

export type Log = (line: string) => void;

export interface NeonOptions {
  /** Null: no key given. Only a dry run may go on without one, and it then assumes a clean account. */
  apiKey: string | null;
  /** The API's base URL; tests point it at a local stand-in. */
  baseURL?: string | undefined;
  /** Neon organisation: required with a personal API key, implied by an organisation's key. */
  orgId?: string | undefined;
  dryRun: boolean;
  log: Log;
  /** How long to wait between polls of a running operation. */
  pollMs?: number;
}

/** What a write returns in a dry run: ids that name the thing it would have created. */
const placeholder = (what: string) => `<new ${what}>`;

/**
 * The Neon API calls provisioning makes, each printed as `METHOD path` before it is made. In a dry run writes are
 * printed and not made; reads are made when there is a key (so the plan says what already exists) and otherwise
 * printed and answered with "nothing there".
 */
export class NeonSteps {
  readonly api: Api<unknown> | null;
  private readonly dryRun: boolean;
  private readonly log: Log;
  private readonly pollMs: number;
  private readonly orgId: string | undefined;

  constructor(options: NeonOptions) {
    this.api = options.apiKey
      ? createApiClient({ apiKey: options.apiKey, ...(options.baseURL ? { baseURL: options.baseURL } : {}), timeout: 60_000 })
      : null;
    this.dryRun = options.dryRun;
    this.log = options.log;
    this.pollMs = options.pollMs ?? 1_000;
    this.orgId = options.orgId;
  }

  private async read<T>(path: string, call: (api: Api<unknown>) => Promise<{ data: T }>, none: T): Promise<T> {
    if (!this.api) {
      this.log(`  neon  GET    ${path}   (no NEON_API_KEY: assuming a clean account)`);
      return none;
    }
    if (path.includes('<new ')) {
      this.log(`  neon  GET    ${path}   (dry run: made by a step above, so empty)`);
      return none;
    }
    this.log(`  neon  GET    ${path}`);
    return (await call(this.api)).data;
  }

  private async write<T extends { operations?: Operation[] }>(
    method: 'POST' | 'DELETE',
    path: string,
    body: unknown,
    call: (api: Api<unknown>) => Promise<{ data: T }>,
    dry: () => T,
  ): Promise<T> {
    const shown = body === undefined ? '' : ` ${JSON.stringify(body)}`;
    if (this.dryRun || !this.api) {
      this.log(`  neon  ${method.padEnd(6)} ${path}${shown}   (dry run: not sent)`);
      return dry();
    }
    this.log(`  neon  ${method.padEnd(6)} ${path}${shown}`);
    const { data } = await call(this.api);
    await this.settle(data.operations ?? []);
    return data;
  }

  /** Neon answers 423 to a change on a project while another runs: wait for each operation to finish. */
  private async settle(operations: Operation[]): Promise<void> {
    for (const op of operations) {
      let current = op;
      for (let i = 0; ; i++) {
        if (current.status === 'finished' || current.status === 'skipped') break;
        if (['failed', 'error', 'cancelled'].includes(current.status)) {
          throw new Error(`Neon operation ${current.action} (${current.id}) ${current.status}: ${current.error ?? 'no detail'}`);
        }
        if (i > 600) throw new Error(`Neon operation ${current.action} (${current.id}) still ${current.status} after ${i} polls`);
        await new Promise((r) => setTimeout(r, this.pollMs));
        current = (await this.api!.getProjectOperation(op.project_id, op.id)).data.operation;
      }
    }
  }

  async findProject(name: string): Promise<Project | null> {
    const org = this.orgId ? `&org_id=${encodeURIComponent(this.orgId)}` : '';
    const data = await this.read(
      `/projects?search=${encodeURIComponent(name)}${org}`,
      (api) => api.listProjects({ search: name, ...(this.orgId ? { org_id: this.orgId } : {}) }),
      { projects: [] } as unknown as Awaited<ReturnType<Api<unknown>['listProjects']>>['data'],
    );
    const found = data.projects.find((p) => p.name === name);
    return found ? (found as unknown as Project) : null;
  }

  async createProject(p: { name: string; region: string; pgVersion: number; branch: string; owner: string; database: string }) {
    const body = {
      project: {
        name: p.name,
        region_id: p.region,
        pg_version: p.pgVersion,
        // The owner's password must be readable again (reveal_password) so a second run can migrate.
        store_passwords: true,
        branch: { name: p.branch, role_name: p.owner, database_name: p.database },
        ...(this.orgId ? { org_id: this.orgId } : {}),
      },
    };
    return this.write('POST', '/projects', body, (api) => api.createProject(body), () => ({
      project: { id: placeholder('project id'), name: p.name } as Project,
      branch: { id: placeholder('branch id'), name: p.branch } as Branch,
      endpoints: [{ id: placeholder('endpoint id'), host: placeholder('endpoint host'), type: EndpointType.ReadWrite } as Endpoint],
      roles: [{ name: p.owner, password: placeholder('owner password') } as Role],
      databases: [{ name: p.database, owner_name: p.owner } as Database],
      operations: [] as Operation[],
    }));
  }

  async listBranches(projectId: string): Promise<Branch[]> {
    const data = await this.read(`/projects/${projectId}/branches`, (api) => api.listProjectBranches({ projectId }), { branches: [] } as never);
    return (data as { branches: Branch[] }).branches;
  }

  async createBranch(projectId: string, p: { name: string; parentId?: string | undefined; parentTimestamp?: string | undefined }) {
    const body = {
      branch: { name: p.name, ...(p.parentId ? { parent_id: p.parentId } : {}), ...(p.parentTimestamp ? { parent_timestamp: p.parentTimestamp } : {}) },
      endpoints: [{ type: EndpointType.ReadWrite }],
    };
    return this.write('POST', `/projects/${projectId}/branches`, body, (api) => api.createProjectBranch(projectId, body), () => ({
      branch: { id: placeholder('branch id'), name: p.name } as Branch,
      endpoints: [{ id: placeholder('endpoint id'), host: placeholder('endpoint host'), type: EndpointType.ReadWrite } as Endpoint],
      operations: [] as Operation[],
    }));
  }

  async deleteBranch(projectId: string, branchId: string) {
    return this.write('DELETE', `/projects/${projectId}/branches/${branchId}`, undefined, (api) => api.deleteProjectBranch({ projectId, branchId }), () => ({
      operations: [] as Operation[],
    }));
  }

  async listEndpoints(projectId: string, branchId: string): Promise<Endpoint[]> {
    const data = await this.read(`/projects/${projectId}/branches/${branchId}/endpoints`, (api) => api.listProjectBranchEndpoints(projectId, branchId), {
      endpoints: [],
    } as never);
    return (data as { endpoints: Endpoint[] }).endpoints;
  }

  async createEndpoint(projectId: string, branchId: string) {
    const body = { endpoint: { branch_id: branchId, type: EndpointType.ReadWrite } };
    return this.write('POST', `/projects/${projectId}/endpoints`, body, (api) => api.createProjectEndpoint(projectId, body), () => ({
      endpoint: { id: placeholder('endpoint id'), host: placeholder('endpoint host'), type: EndpointType.ReadWrite } as Endpoint,
      operations: [] as Operation[],
    }));
  }

  async listRoles(projectId: string, branchId: string): Promise<Role[]> {
    const data = await this.read(`/projects/${projectId}/branches/${branchId}/roles`, (api) => api.listProjectBranchRoles(projectId, branchId), {
      roles: [],
    } as never);
    return (data as { roles: Role[] }).roles;
  }

  /** Only for the owner: a role made through the API is a member of neon_superuser, which has BYPASSRLS. */
  async createRole(projectId: string, branchId: string, name: string) {
    const body = { role: { name } };
    return this.write('POST', `/projects/${projectId}/branches/${branchId}/roles`, body, (api) => api.createProjectBranchRole(projectId, branchId, body), () => ({
      role: { name, password: placeholder(`${name} password`) } as Role,
      operations: [] as Operation[],
    }));
  }

  async revealPassword(projectId: string, branchId: string, role: string): Promise<string> {
    const path = `/projects/${projectId}/branches/${branchId}/roles/${role}/reveal_password`;
    if (this.dryRun || !this.api) {
      // A dry run has no use for a real password, so it does not fetch one.
      this.log(`  neon  GET    ${path}   (dry run: not sent)`);
      return placeholder(`${role} password`);
    }
    const data = await this.read(
      path,
      (api) => api.getProjectBranchRolePassword(projectId, branchId, role),
      { password: placeholder(`${role} password`) },
    );
    return data.password;
  }

  async listDatabases(projectId: string, branchId: string): Promise<Database[]> {
    const data = await this.read(`/projects/${projectId}/branches/${branchId}/databases`, (api) => api.listProjectBranchDatabases(projectId, branchId), {
      databases: [],
    } as never);
    return (data as { databases: Database[] }).databases;
  }

  async createDatabase(projectId: string, branchId: string, name: string, owner: string) {
    const body = { database: { name, owner_name: owner } };
    return this.write('POST', `/projects/${projectId}/branches/${branchId}/databases`, body, (api) => api.createProjectBranchDatabase(projectId, branchId, body), () => ({
      database: { name, owner_name: owner } as Database,
      operations: [] as Operation[],
    }));
  }

  /** Point-in-time restore: the branch becomes its own state at `timestamp`; the state before is kept under a name. */
  async restoreBranch(projectId: string, branchId: string, p: { timestamp: string; preserveUnderName: string }) {
    const body = { source_branch_id: branchId, source_timestamp: p.timestamp, preserve_under_name: p.preserveUnderName };
    return this.write('POST', `/projects/${projectId}/branches/${branchId}/restore`, body, (api) => api.restoreProjectBranch(projectId, branchId, body), () => ({
      branch: { id: branchId } as Branch,
      operations: [] as Operation[],
    }));
  }
}

/** Workers open many short connections: they go through Neon's pooler (transaction mode keeps SET LOCAL). */
export function pooledHost(host: string): string {
  return host.startsWith('<') ? host : host.replace(/^([^.]+)/, '$1-pooler');
}
