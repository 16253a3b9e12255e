// Dynamic URL segments arrive percent-encoded; a malformed encoding (a cut-off "%E0%A4%A") is a page
// that does not exist, not a server error.

/** The decoded segment, or null when its percent-encoding is malformed. */
export function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
