import { HttpProblem } from '@yingshang/service-kit';

/** After this many consecutive failures of one account, sign-in also needs a captcha (lockout comes at 5). */
export const CAPTCHA_AFTER_FAILURES = 3;
const TTL_SECONDS = 120;
// No 0/O, 1/I/L: people misread them.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

const enc = new TextEncoder();
const b64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

async function mac(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', enc.encode(`captcha:${secret}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return b64url(await crypto.subtle.sign('HMAC', key, enc.encode(text)));
}

function randomInt(max: number): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! % max;
}

/** An SVG of the code with rotated glyphs and noise: enough to stop scripted guessing, readable by people. */
function render(code: string): string {
  const glyphs = [...code]
    .map((ch, i) => {
      const x = 18 + i * 26 + randomInt(6);
      const y = 32 + randomInt(8);
      const rotate = randomInt(40) - 20;
      const hue = randomInt(360);
      return `<text x="${x}" y="${y}" transform="rotate(${rotate} ${x} ${y})" fill="hsl(${hue},55%,35%)" font-size="26" font-family="monospace" font-weight="700">${ch}</text>`;
    })
    .join('');
  const noise = Array.from({ length: 6 }, () => {
    const [x1, y1, x2, y2] = [randomInt(120), randomInt(44), randomInt(120), randomInt(44)];
    return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="hsl(${randomInt(360)},40%,60%)" stroke-width="1.5"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="44" viewBox="0 0 120 44"><rect width="120" height="44" fill="#f4f6f8"/>${noise}${glyphs}</svg>`;
}

/**
 * A stateless challenge: the id carries its expiry, a nonce and a MAC over the answer, so no storage is needed.
 * Within its two minutes an id could be replayed with its answer; the account lockout still bounds guessing.
 */
export async function createCaptcha(secret: string, now = Date.now()) {
  const code = Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const expires = Math.floor(now / 1000) + TTL_SECONDS;
  const nonce = b64url(crypto.getRandomValues(new Uint8Array(9)));
  const captchaId = `${expires}.${nonce}.${await mac(secret, `${expires}.${nonce}.${code}`)}`;
  const image = `data:image/svg+xml;base64,${btoa(render(code))}`;
  return { captchaId, image, expiresIn: TTL_SECONDS, code };
}

export async function checkCaptcha(secret: string, captchaId: string | undefined, code: string | undefined, now = Date.now()): Promise<void> {
  if (!captchaId || !code) {
    throw new HttpProblem(401, 'captcha-required', '请输入验证码', '密码多次输入错误，请输入图形验证码后再登录', { captchaRequired: true });
  }
  const [expires, nonce, given] = captchaId.split('.');
  const invalid = () =>
    new HttpProblem(400, 'captcha-invalid', '验证码错误', '验证码不正确或已过期，请刷新后重新输入', {
      captchaRequired: true,
      errors: [{ field: 'json.captchaCode', message: '验证码不正确或已过期' }],
    });
  if (!expires || !nonce || !given || Number(expires) * 1000 < now) throw invalid();
  const expected = await mac(secret, `${expires}.${nonce}.${code.trim().toUpperCase()}`);
  if (expected.length !== given.length) throw invalid();
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  if (diff !== 0) throw invalid();
}
