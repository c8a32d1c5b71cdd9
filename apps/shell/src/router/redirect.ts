/** Only same-origin paths: `?redirect=` must not send anyone to another site after sign-in. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') && !value.startsWith('/login')
    ? value
    : '/';
}
