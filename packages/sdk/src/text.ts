// Text that PostgreSQL cannot store: NUL (text and jsonb refuse it) and lone UTF-16 surrogates (no UTF-8
// form; drivers turn them into U+FFFD, so the stored text would differ from what was sent). A leading
// U+FEFF is stored, but some drivers strip it when decoding, so an identifier starting with one does
// not read back as sent. One definition for the server's checks, the policy schema and the SDK.
import { z } from "zod";

const NUL = /\u0000/;
const NUL_ALL = /\u0000/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");
// One scan that rules out all three for the usual text (ingest checks ~10 strings an event).
const SUSPECT = /[\u0000\ud800-\udfff\ufeff]/;

/** Why `text` cannot be stored exactly as an identifier, or null when it can. */
export function unstorableReason(text: string): string | null {
  if (!SUSPECT.test(text)) return null;
  if (NUL.test(text)) return "must not contain the NUL character (U+0000)";
  if (LONE_SURROGATE.test(text)) return "must not contain unpaired UTF-16 surrogates";
  if (text.charCodeAt(0) === 0xfeff) return "must not begin with a byte-order mark (U+FEFF)";
  return null;
}

/** Free text made storable: NUL and unpaired surrogates become U+FFFD. */
export function toStorable(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(NUL_ALL, "\ufffd").replace(LONE_SURROGATES, "\ufffd");
}

/** A string stored and compared exactly (ids, names): anything that would not survive is refused. */
export const exactString = () =>
  z.string().refine((s) => unstorableReason(s) === null, { error: (issue) => unstorableReason(String(issue.input)) ?? "is not storable" });

/** A string kept for people to read: what cannot be stored is replaced by U+FFFD. */
export const freeString = () => z.string().transform(toStorable);
