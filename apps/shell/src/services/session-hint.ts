import { session } from './api.ts';

const KEY = 'yingshang.signed-in';

/**
 * Whether this browser was signed in a moment ago. Not a credential (the refresh cookie is httpOnly and decides);
 * only a guess at boot: without it we fetch the sign-in page at once, with it we skip those bytes, as most
 * reloads of a signed-in tab land in the layout.
 */
export function probablySignedIn(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function trackSessionHint(): void {
  session.subscribe((event) => {
    try {
      if (event === 'signed-in' || event === 'refreshed') localStorage.setItem(KEY, '1');
      else localStorage.removeItem(KEY);
    } catch {
      // Storage blocked: the guess just stays wrong.
    }
  });
}

export function clearSessionHint(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // As above.
  }
}
