/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string | undefined, maxBytes: number): string | null {
  if (text === undefined) return null;
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--; // step back to the start of a character
  return bytes.subarray(0, end).toString("utf8");
}
