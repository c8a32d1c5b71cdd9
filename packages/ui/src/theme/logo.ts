/** The identity service's limit (contracts/tenancy LOGO_MAX_BYTES), checked here first so nobody waits for a refusal. */
export const LOGO_MAX_BYTES = 200 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;

export type LogoProblem = { kind: 'type'; type: string } | { kind: 'size'; kb: number };

export function checkLogoFile(file: Pick<File, 'type' | 'size'>): LogoProblem | null {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return { kind: 'type', type: file.type || '?' };
  if (file.size > LOGO_MAX_BYTES) return { kind: 'size', kb: Math.ceil(file.size / 1024) };
  return null;
}

/** The file as the `data:<type>;base64,…` URL the service stores. */
export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(String(reader.result)));
    reader.addEventListener('error', () => reject(reader.error ?? new Error('read failed')));
    reader.readAsDataURL(file);
  });
}

/** Colours that read well on white and under white text, for the colour pickers. */
export const PRESET_COLORS = [
  '#1f5fbf',
  '#1f4e8c',
  '#0b6e69',
  '#2f7d32',
  '#7a5c00',
  '#b35900',
  '#a4262c',
  '#8e1f5c',
  '#5b3b9b',
  '#37474f',
] as const;
