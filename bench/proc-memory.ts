/** Resident memory of this process and the emulators under it, read from /proc (Linux): for bench/load.ts and bench/soak.ts. */
import { readFileSync, readdirSync } from 'node:fs';

/** Descendant processes of this one, from /proc (Linux); empty elsewhere. */
export function descendants(root = process.pid): { pid: number; name: string }[] {
  let entries: string[];
  try { entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d)); } catch { return []; }
  const parent = new Map<number, number>();
  const names = new Map<number, string>();
  for (const d of entries) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may contain spaces, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
      names.set(Number(d), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
    } catch { /* exited meanwhile */ }
  }
  const out: { pid: number; name: string }[] = [];
  const walk = (pid: number) => { for (const [child, ppid] of parent) if (ppid === pid) { out.push({ pid: child, name: names.get(child)! }); walk(child); } };
  walk(root);
  return out;
}

/** The emulator processes under this one, named; tsx's esbuild service is not part of the stack. */
export function stackChildren(): { pid: number; label: string }[] {
  return descendants().flatMap(({ pid, name }) => {
    let cmd = '';
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '); } catch { return []; }
    if (name === 'esbuild') return [];
    if (name === 'java') return [{ pid, label: 'DynamoDB Local (java)' }];
    if (/cognito-local/.test(cmd)) return [{ pid, label: 'cognito-local (node)' }];
    if (/child_process/.test(cmd)) return [{ pid, label: 'emulator supervisor (node)' }];
    return [{ pid, label: `${name}: ${cmd.replace(/\s+/g, ' ').slice(0, 60).trim()}` }];
  });
}

/** VmRSS and VmHWM (peak) of a process in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kib('VmRSS'), peak: kib('VmHWM') };
  } catch { return null; }
}

/** This process plus every emulator child, current RSS in bytes. */
export function totalRss(): number {
  return process.memoryUsage().rss + stackChildren().reduce((sum, p) => sum + (memoryOf(p.pid)?.rss ?? 0), 0);
}
