// A local webhook receiver for alert deliveries: records each POST it accepts (body and signature) and
// answers with the status the test sets, so retries can be shown.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { body: string; signature: string | undefined };

export async function startWebhookReceiver() {
  const received: Received[] = [];
  const state = { answer: 200 };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c)).on("end", () => {
      if (state.answer === 200) received.push({ body, signature: req.headers["x-switchyard-signature"] as string | undefined });
      res.writeHead(state.answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    /** The status every later request gets (200 records the request). */
    answerWith: (status: number) => { state.answer = status; },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The X-Switchyard-Signature a receiver expects for `body` under `secret`. */
export const expectedSignature = (body: string, secret: string) => `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;
