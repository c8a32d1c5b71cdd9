import { defineStore } from 'pinia';
import { ref } from 'vue';
import { isProblemError } from '@yingshang/ui';
import { api } from '../services/api.ts';
import { useSessionStore } from './session.ts';

const POLL_MS = 60_000;

/**
 * The header's unread-notice badge: counted on sign-in, every minute while the tab is visible, and whenever a
 * module says it read or sent one. A service without the endpoint (404) or a role without the permission (403)
 * leaves the badge off rather than failing.
 */
export const useNoticeStore = defineStore('notices', () => {
  const unread = ref(0);
  const available = ref(false);
  let timer: ReturnType<typeof setInterval> | null = null;
  let gone = false;

  async function refresh() {
    const session = useSessionStore();
    if (gone || !session.authenticated || !session.can('admin:notice:read')) {
      available.value = false;
      return;
    }
    try {
      const body = await api.get<{ count: number }>('/api/identity/v1/notices/unread-count');
      unread.value = body.count;
      available.value = true;
    } catch (error) {
      if (isProblemError(error) && (error.status === 404 || error.status === 403)) {
        gone = error.status === 404;
        available.value = false;
      }
    }
  }

  const onVisible = () => {
    if (document.visibilityState === 'visible') void refresh();
  };

  function start() {
    stop();
    gone = false;
    void refresh();
    timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, POLL_MS);
    document.addEventListener('visibilitychange', onVisible);
  }

  function stop() {
    if (timer) clearInterval(timer);
    timer = null;
    document.removeEventListener('visibilitychange', onVisible);
  }

  return { unread, available, refresh, start, stop };
});
