/**
 * Workers do not know the absolute line number of the lines they check; messages carry this
 * placeholder, which the merging thread replaces with the line number.
 */
export const LINE = '\u0000line\u0000';

export function fillLine(message: string, line: number): string {
  return message.includes(LINE) ? message.replaceAll(LINE, String(line)) : message;
}
