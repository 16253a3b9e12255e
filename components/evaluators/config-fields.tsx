// The settings of one evaluator kind; each input is named by its path in the API's body.
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";

type Props = { kind: string; config: Record<string, unknown>; hasApiKey: boolean; error: (path: string) => string | undefined };

const SCHEMA_EXAMPLE = `{
  "type": "object",
  "required": ["invoice", "total"],
  "properties": { "invoice": { "type": "string" }, "total": { "type": "number" } }
}`;

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
const passWhen = (yes: string, no: string) => [{ value: "true", label: yes }, { value: "false", label: no }];

export function ConfigFields({ kind, config, hasApiKey, error }: Props) {
  switch (kind) {
    case "json_schema":
      return (
        <TextAreaField label="JSON Schema" name="config.schema" rows={8} spellCheck={false} className="font-mono text-xs" required
          defaultValue={config.schema ? JSON.stringify(config.schema, null, 2) : ""} placeholder={SCHEMA_EXAMPLE}
          error={error("config.schema")} hint="The output must be JSON that matches this schema." />
      );
    case "regex":
      return (
        <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
          <Field label="Pattern" name="config.pattern" required defaultValue={str(config.pattern)} placeholder="^(yes|no)$" error={error("config.pattern")} />
          <Field label="Flags" name="config.flags" defaultValue={str(config.flags)} placeholder="i" error={error("config.flags")} hint="Optional: g i m s u y" />
          <div className="sm:col-span-2">
            <SelectField label="Passes when the output" name="config.mustMatch" defaultValue={String(config.mustMatch ?? true)}
              options={passWhen("matches the pattern", "does not match the pattern")} error={error("config.mustMatch")} />
          </div>
        </div>
      );
    case "contains":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Text" name="config.text" required defaultValue={str(config.text)} error={error("config.text")} hint="Matched exactly, case included." />
          <SelectField label="Passes when the output" name="config.mustContain" defaultValue={String(config.mustContain ?? true)}
            options={passWhen("contains the text", "does not contain the text")} error={error("config.mustContain")} />
        </div>
      );
    case "expected":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Metadata key" name="config.metadataKey" required defaultValue={str(config.metadataKey ?? "expected")} error={error("config.metadataKey")}
            hint="Your app sends the expected answer as metadata[key] with the call." />
          <SelectField label="Compare" name="config.mode" defaultValue={str(config.mode ?? "exact")} error={error("config.mode")}
            options={[{ value: "exact", label: "As exact text" }, { value: "json_equal", label: "As equal JSON (key order and spacing ignored)" }]} />
        </div>
      );
    case "llm_judge":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Base URL" name="config.baseUrl" type="url" required defaultValue={str(config.baseUrl)} placeholder="https://api.openai.com/v1" error={error("config.baseUrl")}
            hint="An OpenAI-compatible API: the judge is asked at {base URL}/chat/completions." />
          <Field label="Judge model" name="config.model" required defaultValue={str(config.model)} placeholder="gpt-5.4-mini" error={error("config.model")} />
          <div className="sm:col-span-2">
            <TextAreaField label="Rubric" name="config.rubric" rows={6} required defaultValue={str(config.rubric)} error={error("config.rubric")}
              placeholder={"Does the answer resolve the customer's question?\n\nQuestion: {{input}}\nAnswer: {{output}}"}
              hint="{{input}} and {{output}} are replaced by the call's captured prompt and response." />
          </div>
          {/* Write-only: the stored key is never sent to the browser, so the field always starts empty. */}
          <div className="space-y-2">
            <Field label="API key" name="config.apiKey" type="password" autoComplete="new-password" defaultValue="" error={error("config.apiKey")}
              hint={hasApiKey ? "A key is stored: leave empty to keep it." : "Leave empty for a judge that needs none (a local model)."} />
            {hasApiKey && (
              <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="config.apiKey.remove" className="h-4 w-4" /> Remove the stored key</label>
            )}
          </div>
          <Field label="Daily spend cap ($)" name="config.dailyCapUsd" inputMode="decimal" defaultValue={str(config.dailyCapUsd)} placeholder="5" error={error("config.dailyCapUsd")}
            hint="Judging stops for the day once the judge's calls have cost this much." />
        </div>
      );
    default:
      return <p className="text-sm text-gray-600">Nothing to set: each tool call&apos;s arguments are checked against that tool&apos;s parameter schema in the captured request.</p>;
  }
}
