// A vitest setup file: any successful write that left no operation-log entry fails the test that made it.
import { afterEach, beforeEach, expect, vi } from 'vitest';

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  const original = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (text.includes('write without an audit entry')) lines.push(text);
    else original(...args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(lines, 'every successful write must record an audit entry').toEqual([]);
});
