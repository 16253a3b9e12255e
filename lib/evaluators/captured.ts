// What evaluators read from a call's captured content (contracts §3: `input`/`output` arrive as a string
// or JSON and are stored as that string or the JSON's text, cut at 32 KiB). The answer's text, its JSON,
// its tool calls and the tools the request offered, from plain text, a JSON value, an OpenAI chat
// message or request, or a Responses API output array or request. Total: any string gives a reading,
// and a cut-off or malformed document reads as plain text.
import { parseJson } from "@/lib/evaluators/json";

export type ToolCall = { name: string; arguments: string };
export type Tool = { name: string; parameters: unknown };
/** `json` is the answer's text parsed, undefined when that text is not JSON (null is the JSON null). */
export type Output = { text: string | null; json: unknown | undefined; toolCalls: ToolCall[] };
export type Captured = Output & { tools: Tool[] };

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);

function withJson(text: string | null, toolCalls: ToolCall[]): Output {
  const parsed = text === null ? null : parseJson(text);
  return { text, json: parsed?.ok ? parsed.value : undefined, toolCalls };
}

// Arguments are a JSON string in both APIs; some capture paths keep them already parsed.
function argumentsText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return ""; // nested too deep to print: reads as arguments that are not JSON
  }
}

function toolCall(name: unknown, args: unknown): ToolCall[] {
  return typeof name === "string" ? [{ name, arguments: argumentsText(args) }] : [];
}

// A chat message's content is a string, null (only tool calls), or an array of text parts.
function contentText(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return null;
  const texts = content.filter((p) => isObject(p) && typeof p.text === "string").map((p) => (p as Loose).text as string);
  return texts.length ? texts.join("") : null;
}

// Only an assistant role or a tool_calls array marks a chat message: an app's own JSON answer such as
// {"content": "..."} stays a JSON value.
const isChatMessage = (v: unknown): v is Loose => isObject(v) && (v.role === "assistant" || Array.isArray(v.tool_calls));

const isResponsesOutput = (v: unknown): v is Loose[] =>
  Array.isArray(v) && v.length > 0 && v.every((item) => isObject(item) && typeof item.type === "string") && v.some((item) => item.type === "message" || item.type === "function_call");

function readChatMessage(message: Loose): Output {
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  return withJson(
    contentText(message.content),
    calls.flatMap((c) => (isObject(c) && isObject(c.function) ? toolCall(c.function.name, c.function.arguments) : [])),
  );
}

function readResponsesOutput(items: Loose[]): Output {
  const texts = items
    .filter((item) => item.type === "message" && Array.isArray(item.content))
    .flatMap((item) => (item.content as unknown[]).filter((part) => isObject(part) && part.type === "output_text" && typeof part.text === "string"))
    .map((part) => (part as Loose).text as string);
  const calls = items.filter((item) => item.type === "function_call").flatMap((item) => toolCall(item.name, item.arguments));
  return withJson(texts.length ? texts.join("") : null, calls); // joined like the SDK's output_text
}

/** The answer in a captured output; null text when nothing was captured or the answer is only tool calls. */
export function readOutput(output: string | null): Output {
  if (output === null) return { text: null, json: undefined, toolCalls: [] };
  const parsed = parseJson(output);
  if (!parsed.ok) return { text: output, json: undefined, toolCalls: [] };
  if (isChatMessage(parsed.value)) return readChatMessage(parsed.value);
  if (isResponsesOutput(parsed.value)) return readResponsesOutput(parsed.value);
  return { text: output, json: parsed.value, toolCalls: [] };
}

// Chat nests the function ({type, function: {name, parameters}}), Responses does not ({type, name,
// parameters}); built-in tools (web_search, file_search, custom) take no JSON arguments to check.
function readTool(tool: unknown): Tool[] {
  if (!isObject(tool) || (tool.type !== undefined && tool.type !== "function")) return [];
  const fn = isObject(tool.function) ? tool.function : tool;
  return typeof fn.name === "string" ? [{ name: fn.name, parameters: fn.parameters }] : [];
}

function readTools(input: string | null): Tool[] {
  const parsed = input === null ? null : parseJson(input);
  if (!parsed?.ok || !isObject(parsed.value) || !Array.isArray(parsed.value.tools)) return [];
  return parsed.value.tools.flatMap(readTool);
}

export function readCaptured(input: string | null, output: string | null): Captured {
  return { ...readOutput(output), tools: readTools(input) };
}
