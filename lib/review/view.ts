// What the review screen shows of a held call: JSON pretty-printed, tool calls pulled out. Pure.
import { readCaptured } from "@/lib/evaluators/captured";
import type { HeldItem } from "@/lib/review/queue";

function pretty(text: string | null) {
  if (text === null) return "(not captured)";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function toReviewView(item: HeldItem) {
  const captured = readCaptured(item.input, item.output);
  return {
    callId: item.callId, why: item.why, taskType: item.taskType, model: item.model, shadow: item.shadow,
    // The answer's text where the output wrapped it (a chat message, Responses items), else the output as stored.
    input: pretty(item.input), output: captured.text !== null && captured.text !== item.output ? captured.text : pretty(item.output), toolCalls: captured.toolCalls,
  };
}
