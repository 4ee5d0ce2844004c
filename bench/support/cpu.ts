import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports CPU time in clock ticks; 100 a second on every mainstream kernel build. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  processGroup: number;
  cpuMs: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // After the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12).
    return { pid, processGroup: Number(fields[2]), cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** CPU time (user + system) used so far by every process of a process group; null off Linux. */
export function processGroupCpuMs(processGroup: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  let total = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.processGroup === processGroup) total += stat.cpuMs;
  }
  return total;
}

/** CPU time used so far by the given processes (PostgreSQL backends); null off Linux. */
export function processesCpuMs(pids: number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    const stat = readStat(pid);
    if (!stat) return null;
    total += stat.cpuMs;
  }
  return total;
}
