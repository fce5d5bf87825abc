/** The system message, or none when the frozen prompt's system text is empty (as the call flows do). */
export function systemMessages(system: string): { role: 'system'; content: string }[] {
  return system.length > 0 ? [{ role: 'system', content: system }] : [];
}
