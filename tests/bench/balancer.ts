// A round-robin HTTP load balancer in front of several Switchyard instances, for the two-instance mode of
// bench:ingest: each request goes whole to the next backend over kept-alive connections.
import http from "node:http";
import type { AddressInfo } from "node:net";

export async function startBalancer(backends: number[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const port = backends[next++ % backends.length];
    const upstream = http.request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "bad_gateway", message: err.message } }));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Which backends get requests from now on. */
    use: (ports: number[]) => { backends = ports; },
    close: () => new Promise<void>((r) => { agent.destroy(); server.close(() => r()); }),
  };
}
