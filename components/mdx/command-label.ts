/** A command as a button's accessible name: one line, at most `max` characters. */
export function commandLabel(code: string, max = 80): string {
  const oneLine = code.trim().split('\n').map((line) => line.trim()).filter(Boolean).join('; ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
