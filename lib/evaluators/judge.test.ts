import { describe, expect, it } from "vitest";
import { judgePromptChars, judgeRequest, parseJudgeResponse } from "@/lib/evaluators/judge";

const config = { baseUrl: "https://api.openai.com/v1/", apiKey: "sk-test", model: "gpt-5.4-mini", rubric: "Question: {{input}}\nAnswer: {{output}}\nPass if the answer is polite. Again: {{output}}" };

describe("judgeRequest", () => {
  it("posts the filled rubric with a strict verdict schema", () => {
    const r = judgeRequest(config, "Where is my order?", "It ships Monday.");
    expect(r.url).toBe("https://api.openai.com/v1/chat/completions");
    expect(r.headers).toEqual({ "Content-Type": "application/json", Authorization: "Bearer sk-test" });
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ model: "gpt-5.4-mini", temperature: 0 });
    expect(body.messages[0]).toMatchObject({ role: "system" });
    expect(body.messages[1]).toEqual({ role: "user", content: "Question: Where is my order?\nAnswer: It ships Monday.\nPass if the answer is polite. Again: It ships Monday." });
    expect(body.response_format).toEqual({
      type: "json_schema",
      json_schema: {
        name: "verdict",
        strict: true,
        schema: { type: "object", properties: { verdict: { type: "string", enum: ["pass", "fail"] }, reason: { type: "string" } }, required: ["verdict", "reason"], additionalProperties: false },
      },
    });
  });

  it("fills placeholders literally, in one pass, and leaves out a missing key", () => {
    const r = judgeRequest({ ...config, apiKey: undefined, baseUrl: "http://localhost:11434/v1" }, "say {{output}} and $& and $1", null);
    expect(JSON.parse(r.body).messages[1].content).toBe("Question: say {{output}} and $& and $1\nAnswer: (not captured)\nPass if the answer is polite. Again: (not captured)");
    expect(r.headers.Authorization).toBeUndefined();
  });
});

const completion = (content: unknown, extra: object = {}) => ({ choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }], usage: { prompt_tokens: 812, completion_tokens: 31 }, ...extra });

describe("parseJudgeResponse", () => {
  it("reads the verdict, reason and usage", () => {
    expect(parseJudgeResponse(completion('{"verdict":"fail","reason":"The answer is rude."}'))).toEqual({ verdict: "fail", reason: "The answer is rude.", inputTokens: 812, outputTokens: 31 });
    expect(parseJudgeResponse(completion('```json\n{"verdict":"pass","reason":"Polite."}\n```')).verdict).toBe("pass");
  });

  it("says why an answer is not a verdict, keeping the tokens it cost", () => {
    expect(parseJudgeResponse({})).toMatchObject({ verdict: null, reason: "judge answer has no choices", inputTokens: null });
    expect(parseJudgeResponse("nope").reason).toBe("judge answer is not a JSON object");
    expect(parseJudgeResponse({ error: { message: "Incorrect API key provided" } }).reason).toBe("judge answered an error: Incorrect API key provided");
    expect(parseJudgeResponse(completion(null)).reason).toBe("judge answer has no content");
    expect(parseJudgeResponse(completion("The answer passes."))).toMatchObject({ verdict: null, reason: expect.stringMatching(/^judge answer is not JSON: /), inputTokens: 812, outputTokens: 31 });
    expect(parseJudgeResponse(completion('{"verdict":"maybe","reason":"unsure"}')).reason).toBe('judge verdict must be "pass" or "fail", got "maybe"');
    expect(parseJudgeResponse({ choices: [{ message: { role: "assistant", content: null, refusal: "I can't help with that." } }] }).reason).toBe("judge refused: I can't help with that.");
  });
});

describe("judgePromptChars", () => {
  it("is the length of the prompt judgeRequest sends, each placeholder counted as often as it appears", () => {
    const sent = (input: string | null, output: string) => JSON.parse(judgeRequest(config, input, output).body).messages.reduce((n: number, m: { content: string }) => n + m.content.length, 0);
    expect(judgePromptChars(config.rubric, 18, 16)).toBe(sent("Where is my order?", "It ships Monday."));
    expect(judgePromptChars(config.rubric, null, 3)).toBe(sent(null, "abc"));
  });
});
