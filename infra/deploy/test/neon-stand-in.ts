import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the part of the Neon API that provisioning uses: it keeps projects, branches, endpoints,
 * roles and databases in memory, answers as Neon does (operations that finish on the first poll), and records
 * every call so tests can check their order and arguments.
 */
export interface RecordedCall {
  method: string;
  /** The path with ids as sent, e.g. /projects/p-1/branches. */
  path: string;
  /** The same path with ids replaced by their kind, e.g. /projects/:project/branches — stable across runs. */
  route: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
}

interface BranchState {
  id: string;
  name: string;
  parent_id?: string;
  default: boolean;
  endpoints: { id: string; host: string; type: string; branch_id: string; project_id: string }[];
  roles: { name: string; password: string; branch_id: string }[];
  databases: { name: string; owner_name: string; branch_id: string }[];
}

interface ProjectState {
  id: string;
  name: string;
  region_id: string;
  branches: BranchState[];
}

export interface NeonStandIn {
  url: string;
  calls: RecordedCall[];
  projects: ProjectState[];
  /** Answer 500 to the first call whose `METHOD route` equals this. */
  failOn: string | null;
  close(): Promise<void>;
}

export async function startNeonStandIn(): Promise<NeonStandIn> {
  let counter = 0;
  const next = (prefix: string) => `${prefix}-${++counter}`;
  const state: NeonStandIn = { url: '', calls: [], projects: [], failOn: null, close: async () => {} };
  const pendingOps = new Map<string, number>();

  const operation = (projectId: string, action: string) => {
    const id = next('op');
    pendingOps.set(id, 1);
    return { id, project_id: projectId, action, status: 'running', failures_count: 0, created_at: '', updated_at: '', total_duration_ms: 0 };
  };
  const newBranch = (project: ProjectState, name: string, parent?: BranchState, isDefault = false): BranchState => {
    const id = next('br');
    const branch: BranchState = {
      id,
      name,
      default: isDefault,
      ...(parent ? { parent_id: parent.id } : {}),
      endpoints: [{ id: next('ep'), host: `ep-${id}.ap-southeast-1.aws.neon.tech`, type: 'read_write', branch_id: id, project_id: project.id }],
      // A child branch starts with its parent's roles (same passwords) and databases, as on Neon.
      roles: (parent?.roles ?? []).map((r) => ({ ...r, branch_id: id })),
      databases: (parent?.databases ?? []).map((d) => ({ ...d, branch_id: id })),
    };
    project.branches.push(branch);
    return branch;
  };
  const publicBranch = (b: BranchState) => ({ id: b.id, name: b.name, default: b.default, parent_id: b.parent_id });

  const readBody = (req: IncomingMessage) =>
    new Promise<unknown>((resolve) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => resolve(data ? JSON.parse(data) : undefined));
    });

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname.replace(/^\/api\/v2/, '');
    const body = await readBody(req);
    const route = path
      .replace(/\/projects\/[^/]+/, '/projects/:project')
      .replace(/\/branches\/[^/]+/, '/branches/:branch')
      .replace(/\/roles\/[^/]+/, '/roles/:role')
      .replace(/\/operations\/[^/]+/, '/operations/:operation');
    const call: RecordedCall = { method: req.method ?? 'GET', path, route, query: Object.fromEntries(url.searchParams), body, authorization: req.headers.authorization };
    state.calls.push(call);
    const send = (status: number, payload: unknown) => {
      // One request per connection: a kept-alive socket closed by the server while idle would reset the next call.
      res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify(payload));
    };
    if (state.failOn === `${call.method} ${route}`) return send(500, { code: 'INTERNAL', message: 'stand-in told to fail here' });
    if (!req.headers.authorization?.startsWith('Bearer ')) return send(401, { code: 'UNAUTHORIZED', message: 'no API key' });

    const parts = path.split('/').filter(Boolean);
    const project = parts[0] === 'projects' && parts[1] ? state.projects.find((p) => p.id === parts[1]) : undefined;
    const branch = project && parts[2] === 'branches' && parts[3] ? project.branches.find((b) => b.id === parts[3]) : undefined;
    const key = `${call.method} ${route}`;
    const b = body as Record<string, Record<string, unknown>> | undefined;

    switch (key) {
      case 'GET /projects':
        return send(200, { projects: state.projects.filter((p) => !call.query.search || p.name.includes(call.query.search)).map(({ id, name, region_id }) => ({ id, name, region_id })) });
      case 'POST /projects': {
        const p = b!.project as { name: string; region_id: string; branch: { name: string; role_name: string; database_name: string } };
        const created: ProjectState = { id: next('prj'), name: p.name, region_id: p.region_id, branches: [] };
        state.projects.push(created);
        const main = newBranch(created, p.branch.name, undefined, true);
        main.roles.push({ name: p.branch.role_name, password: 'OwnerPassword-0123456789', branch_id: main.id });
        main.databases.push({ name: p.branch.database_name, owner_name: p.branch.role_name, branch_id: main.id });
        return send(201, {
          project: { id: created.id, name: created.name },
          branch: publicBranch(main),
          endpoints: main.endpoints,
          roles: main.roles,
          databases: main.databases,
          operations: [operation(created.id, 'create_timeline')],
        });
      }
      case 'GET /projects/:project/operations/:operation': {
        const id = parts[3]!;
        pendingOps.delete(id);
        return send(200, { operation: { id, project_id: project?.id, action: 'x', status: 'finished' } });
      }
      case 'GET /projects/:project/branches':
        return project ? send(200, { branches: project.branches.map(publicBranch) }) : send(404, { message: 'no project' });
      case 'POST /projects/:project/branches': {
        if (!project) return send(404, { message: 'no project' });
        const spec = b!.branch as { name: string; parent_id?: string };
        const parent = project.branches.find((x) => x.id === spec.parent_id) ?? project.branches.find((x) => x.default);
        const created = newBranch(project, spec.name, parent);
        return send(201, { branch: publicBranch(created), endpoints: created.endpoints, operations: [operation(project.id, 'create_branch')] });
      }
      case 'DELETE /projects/:project/branches/:branch':
        if (!project || !branch) return send(404, { message: 'no branch' });
        project.branches.splice(project.branches.indexOf(branch), 1);
        return send(200, { branch: publicBranch(branch), operations: [operation(project.id, 'delete_timeline')] });
      case 'POST /projects/:project/branches/:branch/restore':
        if (!project || !branch) return send(404, { message: 'no branch' });
        return send(200, { branch: publicBranch(branch), operations: [operation(project.id, 'restore')] });
      case 'GET /projects/:project/branches/:branch/endpoints':
        return branch ? send(200, { endpoints: branch.endpoints }) : send(404, { message: 'no branch' });
      case 'GET /projects/:project/branches/:branch/roles':
        return branch ? send(200, { roles: branch.roles.map(({ name, branch_id }) => ({ name, branch_id })) }) : send(404, { message: 'no branch' });
      case 'POST /projects/:project/branches/:branch/roles': {
        if (!project || !branch) return send(404, { message: 'no branch' });
        const role = { name: (b!.role as { name: string }).name, password: 'ApiRolePassword-0123456789', branch_id: branch.id };
        branch.roles.push(role);
        return send(201, { role, operations: [operation(project.id, 'apply_config')] });
      }
      case 'GET /projects/:project/branches/:branch/roles/:role/reveal_password': {
        const role = branch?.roles.find((r) => r.name === decodeURIComponent(parts[5]!));
        return role ? send(200, { password: role.password }) : send(404, { message: 'no role' });
      }
      case 'GET /projects/:project/branches/:branch/databases':
        return branch ? send(200, { databases: branch.databases }) : send(404, { message: 'no branch' });
      case 'POST /projects/:project/branches/:branch/databases': {
        if (!project || !branch) return send(404, { message: 'no branch' });
        const database = { ...(b!.database as { name: string; owner_name: string }), branch_id: branch.id };
        branch.databases.push(database);
        return send(201, { database, operations: [operation(project.id, 'apply_config')] });
      }
      default:
        return send(404, { message: `stand-in does not know ${key}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
