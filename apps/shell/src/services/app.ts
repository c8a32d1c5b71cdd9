import type { App } from 'vue';

let shellApp: App | null = null;

/** The shell's Vue app, for plugins installed after mount (Element Plus arrives with the layout). */
export function setShellApp(app: App): void {
  shellApp = app;
}

export function getShellApp(): App {
  if (!shellApp) throw new Error('shell app not created');
  return shellApp;
}
