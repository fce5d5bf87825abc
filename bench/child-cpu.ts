import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) of the child processes this process has waited for, from /proc on
 * Linux (`cutime` + `cstime`, in clock ticks of 10 ms); undefined elsewhere. On a busy machine the
 * wall time of a process is partly waiting for a core; its CPU time is what it costs. Read it
 * before and after a `spawnSync`: the difference is that child's CPU time.
 */
export function childCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}
