import type { MessageContext } from 'vue-i18n';

export type CompiledMessage = (ctx: MessageContext<string>) => string;

/**
 * The vendor vue-i18n ships without its message compiler (-5 KB gz on every page), so messages become functions
 * here. The syntax is the part of vue-i18n's we use: `{name}` and `{0}` placeholders, and `a | b` plural forms
 * chosen by the count. Everything else is plain text: `@`, `$` and `%` need no escaping (there are no linked
 * messages), and a literal `{` or `|` cannot be written.
 */
type Part = string | { named: string } | { index: number };

function parse(source: string): Part[] {
  return source
    .split(/(\{\s*[\w.-]+\s*\})/)
    .filter((piece) => piece !== '')
    .map((piece): Part => {
      const match = /^\{\s*([\w.-]+)\s*\}$/.exec(piece);
      if (!match?.[1]) return piece;
      return /^\d+$/.test(match[1]) ? { index: Number(match[1]) } : { named: match[1] };
    });
}

const display = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

function render(parts: readonly Part[], ctx: MessageContext<string>): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if ('named' in part) out += display(ctx.named(part.named));
    else out += display(ctx.list(part.index));
  }
  return out;
}

export function compileMessage(source: string): CompiledMessage {
  const forms = source.split(/\s*\|\s*/).map(parse);
  if (forms.length === 1) {
    const [parts = []] = forms;
    return (ctx) => render(parts, ctx);
  }
  return (ctx) => ctx.plural(forms.map((parts) => render(parts, ctx)));
}

export type CompiledMessages = { [key: string]: CompiledMessage | CompiledMessages };
export type SourceMessages = { [key: string]: string | SourceMessages };

export function compileMessages(messages: SourceMessages): CompiledMessages {
  const out: CompiledMessages = {};
  for (const [key, value] of Object.entries(messages)) {
    out[key] = typeof value === 'string' ? compileMessage(value) : compileMessages(value);
  }
  return out;
}
