const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Dates render on the server; UTC keeps server and browser output identical. */
export function formatDateTime(d: Date | null | undefined, empty = "Never") {
  return d ? `${dateTime.format(d)} UTC` : empty;
}
