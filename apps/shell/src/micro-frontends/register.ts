import { addErrorHandler, registerApplication, start, triggerAppChange } from 'single-spa';
import { reactive } from 'vue';
import type { Router } from 'vue-router';
import type { MicroFrontendProps, ModuleCode } from '@yingshang/ui';
import { microFrontends, type MicroFrontendEntry } from '../modules/manifest.ts';
import { api } from '../services/api.ts';
import { useSessionStore } from '../stores/session.ts';
import { useTabsStore } from '../stores/tabs.ts';
import { useTenantStore } from '../stores/tenant.ts';

type ShellProps = Omit<MicroFrontendProps, 'name'>;

/**
 * Containers the layout has rendered for a module (ModuleHost). An application is active only while its container
 * exists and the URL is under its base path: the container only renders for a signed-in user whose tenant enabled
 * the module and whose role may open it, so those rules live in one place.
 */
const hosts = new Map<ModuleCode, HTMLElement>();

/** Load or lifecycle failures per module, for ModuleHost to show. */
export const failures = reactive(new Map<string, string>());

export function attachHost(code: ModuleCode, element: HTMLElement): void {
  hosts.set(code, element);
  failures.delete(code);
  void triggerAppChange();
}

export function detachHost(code: ModuleCode, element: HTMLElement): void {
  if (hosts.get(code) === element) hosts.delete(code);
  void triggerAppChange();
}

const isUnder = (pathname: string, base: string) => pathname === base || pathname.startsWith(`${base}/`);

function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

function propsFactory(mf: MicroFrontendEntry, router: Router) {
  // single-spa asks for props at every lifecycle; unmount runs after sign-out has cleared the session, so it gets
  // the props the module was mounted with.
  let last: ShellProps | null = null;
  return (): ShellProps => {
    const session = useSessionStore();
    const tenant = useTenantStore();
    if (!session.authenticated || !tenant.tenant) {
      if (last) return last;
      throw new Error(`micro-frontend ${mf.name} asked for props without a session`);
    }
    last = {
      basePath: mf.basePath,
      api,
      session: session.shellSession(),
      tenant: tenant.tenant,
      domElementGetter: () => {
        const element = hosts.get(mf.name);
        if (!element) throw new Error(`no container for ${mf.name}`);
        return element;
      },
      navigate: (to: string) => void router.push(to),
      setPageTitle: (title: string, path: string = currentPath()) => {
        useTabsStore().setTitle(path, title);
        if (path === currentPath()) document.title = `${title} - ${tenant.siteTitle}`;
      },
    };
    return last;
  };
}

/** The single-spa root config: one application per deployed micro-frontend, then start. */
export function startMicroFrontends(router: Router): void {
  for (const mf of microFrontends) {
    const specifier = mf.specifier;
    registerApplication({
      name: mf.name,
      // A bare specifier, resolved by the page's import map at run time.
      app: () => import(/* @vite-ignore */ specifier),
      activeWhen: (location) => hosts.has(mf.name) && isUnder(location.pathname, mf.basePath),
      customProps: propsFactory(mf, router),
    });
  }
  addErrorHandler((error) => {
    console.error(`micro-frontend ${error.appOrParcelName} failed`, error);
    failures.set(error.appOrParcelName, error.message);
  });
  start({ urlRerouteOnly: true });
}
