/** Small helpers shared by the benchmark suites: interleaved rounds, medians, MB/s, tables. */

export interface Subject {
  name: string;
  /** Runs the work once and returns how many bytes it processed. */
  run: () => number;
}

export interface Throughput {
  name: string;
  /** MB per second of wall-clock time. */
  median: number;
  best: number;
  /** MB per second of this process's CPU time: what one core delivers, whatever the neighbours do. */
  cpuMedian: number;
}

/**
 * Runs the subjects in interleaved rounds (A B C, A B C, …) so that a noisy neighbour slows
 * them alike, and reports each one's median and best throughput in MB/s.
 */
export function measureThroughput(subjects: Subject[], rounds: number): Throughput[] {
  const samples = subjects.map(() => [] as number[]);
  const cpuSamples = subjects.map(() => [] as number[]);
  for (const subject of subjects) subject.run(); // warm-up: JIT and caches
  for (let round = 0; round < rounds; round++) {
    subjects.forEach((subject, k) => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const bytes = subject.run();
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      samples[k]?.push(bytes / 1e6 / seconds);
      cpuSamples[k]?.push(bytes / 1e6 / ((used.user + used.system) / 1e6));
    });
  }
  const sorted = (values: number[] | undefined) => [...(values ?? [])].sort((a, b) => a - b);
  return subjects.map((subject, k) => ({
    name: subject.name,
    median: median(sorted(samples[k])),
    best: sorted(samples[k]).at(-1) ?? 0,
    cpuMedian: median(sorted(cpuSamples[k])),
  }));
}

export function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const mark = (ok: boolean) => (ok ? "✓" : "✗");

export function printTable(rows: string[][]): void {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  "));
}
