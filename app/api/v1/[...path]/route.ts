// /api/v1/*: any path the API does not have answers 404 in the API's error shape, not an HTML page.
import { errorResponse, notFound } from "@/lib/http/errors";

function handler(request: Request) {
  return errorResponse(notFound(`No such endpoint: ${request.method} ${new URL(request.url).pathname}`));
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
