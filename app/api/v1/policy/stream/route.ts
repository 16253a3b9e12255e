// GET /api/v1/policy/stream: Server-Sent Events; the policy at connect and after every publish, the team's
// SDK settings at connect and after each change (event: settings), and a comment every 15 s so proxies keep
// the connection open. Closed when the key is revoked.
import { isKeyActive } from "@/lib/api-keys/data";
import { onKeyRevoked } from "@/lib/api-keys/mutations";
import { apiRoute, otherMethods } from "@/lib/http/route";
import { subscribeToPolicy } from "@/lib/policies/changes";
import { getPublishedPolicy, getSdkSettings } from "@/lib/policies/data";
import { sdkSettingsEvent, toPolicyResponse } from "@/lib/policies/format";

export const dynamic = "force-dynamic";

const KEEPALIVE_MS = 15_000;

export const GET = apiRoute({ scopes: ["ingest", "admin"] }, async ({ teamId, keyId, request }) => {
  const encoder = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop(); // the client went away
        }
      };
      const policyEvent = async () => `event: policy\ndata: ${JSON.stringify(toPolicyResponse(await getPublishedPolicy(teamId)))}\n\n`;
      const settingsEvent = async () => sdkSettingsEvent((await getSdkSettings(teamId)).captureContent);
      const send = async () => write(await policyEvent());
      const sendSettings = async () => write(await settingsEvent());
      const end = () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      // Subscribe before the first read, so a publish or a revocation in between is not missed.
      const unsubscribe = await subscribeToPolicy(teamId, (version) => void (Number.isNaN(version) ? sendSettings() : send()).catch(() => undefined));
      const unrevoked = await onKeyRevoked(keyId, end);
      const ping = setInterval(() => write(": keep-alive\n\n"), KEEPALIVE_MS);
      stop = () => {
        clearInterval(ping);
        unsubscribe();
        unrevoked();
      };
      request.signal.addEventListener("abort", stop);
      if (!(await isKeyActive(keyId))) return end();
      // Both in one write at connect: a client reading the first chunk gets the policy and the settings.
      write((await policyEvent()) + (await settingsEvent()));
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
