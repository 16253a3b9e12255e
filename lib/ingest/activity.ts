// When this process last stored a batch: background work (the job worker) steps aside while ingest is busy,
// so evaluations catch up in quieter moments instead of slowing ingest down.
let lastIngestAt = 0;

export function noteIngest() {
  lastIngestAt = Date.now();
}

export const ingestBusy = (withinMs = 2000) => Date.now() - lastIngestAt < withinMs;
