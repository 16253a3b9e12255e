// Sending one judge request (judge.ts builds it) and sorting what comes back into the two failures that
// are handled differently: the judge is unavailable (nothing answered, a timeout, 408/429/5xx, or a
// refusal of the whole configuration: 401/403/404, a redirect), so judging stops and the job retries with
// backoff; or this one answer is unusable (another 4xx such as a prompt too long for the model, a 2xx
// that is not a verdict), so this call gets no score and the others go on.
import { parseJudgeResponse, type JudgeRequest, type JudgeResult } from "@/lib/evaluators/judge";

export const JUDGE_TIMEOUT_MS = 30_000;
const MAX_ANSWER_BYTES = 1 << 20;
const MAX_DETAIL_CHARS = 200;

export type JudgeAnswer = { ok: true; result: JudgeResult } | { ok: false; unavailable: string };

const unavailable = (reason: string): JudgeAnswer => ({ ok: false, unavailable: reason });
const badAnswer = (reason: string): JudgeAnswer => ({ ok: true, result: { verdict: null, reason, inputTokens: null, outputTokens: null } });

/** The body as text, at most MAX_ANSWER_BYTES: the URL is the admin's choice, its answer need not be small. */
async function readCapped(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new Error(`the answer is over ${MAX_ANSWER_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The error message an OpenAI-compatible server put in its body, cut short, for the job's error line. */
function detail(text: string): string {
  let message = text;
  try {
    const json = JSON.parse(text) as { error?: { message?: unknown } | string };
    const m = typeof json.error === "string" ? json.error : json.error?.message;
    if (typeof m === "string") message = m;
  } catch {
    // not JSON: the text itself
  }
  message = message.replace(/\s+/g, " ").trim();
  if (!message) return "";
  return `: ${message.length > MAX_DETAIL_CHARS ? `${message.slice(0, MAX_DETAIL_CHARS - 3)}...` : message}`;
}

function causeOf(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError") return `did not answer within ${timeoutMs / 1000} s`;
  return e?.cause?.message ?? e?.cause?.code ?? e?.message ?? String(err);
}

export async function sendJudgeRequest(request: JudgeRequest, timeoutMs = JUDGE_TIMEOUT_MS): Promise<JudgeAnswer> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(request.url, {
      method: "POST", headers: request.headers, body: request.body,
      // A redirect would carry the key to wherever it points; the admin sets the final URL instead.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await readCapped(res);
  } catch (err) {
    return unavailable(`judge at ${new URL(request.url).host} unreachable: ${causeOf(err, timeoutMs)}`);
  }
  if (res.status >= 300 && res.status < 400) {
    return unavailable(`judge answered HTTP ${res.status} (a redirect to ${res.headers.get("location") ?? "nowhere"}); set baseUrl to the final address`);
  }
  if (res.status === 408 || res.status === 429 || res.status >= 500 || [401, 403, 404].includes(res.status)) {
    return unavailable(`judge answered HTTP ${res.status}${detail(text)}`);
  }
  if (!res.ok) return badAnswer(`judge refused this call: HTTP ${res.status}${detail(text)}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return badAnswer("judge answer is not JSON");
  }
  return { ok: true, result: parseJudgeResponse(json) };
}
