// `npm start`: the built Next.js app behind one check Next cannot be configured to make. A URL whose
// percent-encoding is malformed ("/acme/calls/%E0%A4%A") makes Next's router throw while decoding the
// segments, before any proxy or page runs, and an App Router build then answers a bare 500; here it is
// a 400 (the API's error shape under /api/). Everything else is Next's own request handler.
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";

function wellEncoded(url) {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

function malformed(req, res) {
  const api = req.url.startsWith("/api/");
  const body = api
    ? JSON.stringify({ error: { code: "validation_error", message: "The URL's percent-encoding is malformed.", issues: [{ path: "url", message: "malformed percent-encoding" }] } })
    : "<!doctype html><meta charset=utf-8><title>Bad request</title><p>Bad request: this address is malformed. <a href=\"/\">Back to Switchyard</a></p>";
  res.writeHead(400, { "content-type": api ? "application/json" : "text/html; charset=utf-8" }).end(body);
}

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
http
  .createServer((req, res) => (wellEncoded(req.url ?? "/") ? handle(req, res) : malformed(req, res)))
  .listen(port, hostname, () => console.log(`▲ Next.js serving on http://${hostname}:${port}`));
