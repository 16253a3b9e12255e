// When this process last stored a batch: background work (the job worker) steps aside while ingest is busy,
// so evaluations catch up in quieter moments instead of slowing ingest down. On globalThis: Next loads this
// module once for the route handlers and again for the start-up code that runs the worker.
const state = globalThis as unknown as { __switchyardLastIngestAt?: number };

export function noteIngest() {
  state.__switchyardLastIngestAt = Date.now();
}

export const ingestBusy = (withinMs = 2000) => Date.now() - (state.__switchyardLastIngestAt ?? 0) < withinMs;
