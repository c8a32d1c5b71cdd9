import type {
  branding,
  DataScope,
  Department,
  DepartmentNode,
  DictionaryItem,
  invitationView,
  Me,
  ModuleCode,
  onboardingView,
  OperationLogEntry,
  Permission,
  PermissionCatalogueView,
  PublicTenant,
  ReceivedNotice,
  receivedNoticeSummary,
  Role,
  SentNotice,
  SignInLogEntry,
  TenantSummary,
  User,
} from '@yingshang/contracts';
import type { ApiClient } from './api/client.ts';

export type { DataScope, Me, ModuleCode, Permission, PublicTenant };
export type {
  Department,
  DepartmentNode,
  DictionaryItem,
  OperationLogEntry,
  PermissionCatalogueView,
  ReceivedNotice,
  Role,
  SentNotice,
  SignInLogEntry,
  TenantSummary,
  User,
};

/** A zod schema's output type without importing zod here (the front ends only ever import contracts' types). */
type Output<T> = T extends { _zod: { output: infer O } } ? O : never;

export type Branding = Output<typeof branding>;
export type OnboardingView = Output<typeof onboardingView>;
export type Invitation = Output<typeof invitationView>;
export type ReceivedNoticeSummary = Output<typeof receivedNoticeSummary>;
export type OnboardingStep = OnboardingView['stepsDone'][number];

/** A keyset page as every list endpoint answers it (`?limit=&cursor=`). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export type TenantKind = PublicTenant['kind'];

/** One row of `GET /api/identity/v1/public/tenants`, for the portal on the bare host. */
export interface TenantDirectoryEntry {
  slug: string;
  name: string;
  shortName: string;
  kind: TenantKind;
  primaryColor: string;
  logo: string | null;
  /** The ranking group (市内五区, 县(市)及上街区, 开发区) when the service sends it; the portal falls back to the kind. */
  rankingGroup?: string | null;
}

/** What the shell tells a micro-frontend about who is signed in. Fixed for the life of a mount. */
export interface ShellSession {
  readonly user: Me['user'];
  readonly permissions: readonly string[];
  readonly modules: readonly string[];
  readonly mustChangePassword: boolean;
  hasPermission(permission: Permission | string): boolean;
  getAccessToken(): Promise<string | null>;
  signOut(): Promise<void>;
}

/**
 * The single-spa customProps every micro-frontend receives (single-spa adds `name`, `mountParcel` and `singleSpa`).
 * Keep this the one contract between the shell and the modules.
 */
export interface MicroFrontendProps {
  name: string;
  /**
   * Where the module's routes live, e.g. '/admin'. Prefix the routes with it and create the history with no base
   * (`createWebHistory()`): the shell's router shares `history.state` with yours and both must read full paths.
   */
  basePath: string;
  /** Authenticated fetch: bearer token, refresh on 401, problem+json errors as ProblemError. */
  api: ApiClient;
  session: ShellSession;
  tenant: PublicTenant;
  /** The element inside the shell layout to mount into. */
  domElementGetter: () => HTMLElement;
  /** Navigate anywhere in the shell (another module, home). */
  navigate(to: string): void;
  /** Name the current page in the shell's tabs, breadcrumbs and document title. */
  setPageTitle(title: string, path?: string): void;
}
