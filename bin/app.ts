import { App } from "aws-cdk-lib";
import { addOnRecord } from "../lib/onrecord-app.ts";
import { REQUIRED_SETTINGS, SettingsError } from "../lib/settings.ts";

// The CDK app: `npx cdk deploy --all` (settings in cdk.json's context; see README, "Deploy").
try {
  addOnRecord(new App());
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  // A setting to give is the deployer's to fix: say which and how, not where in the code.
  const lines: string[] = [];
  for (const problem of error.invalid) lines.push(`onrecord: setting ${problem}`);
  if (error.missing.length > 0) {
    const required = REQUIRED_SETTINGS as Record<string, { what: string; example: string }>;
    const described = error.missing.map((name) =>
      required[name] ? `${name} (${required[name].what})` : name,
    );
    const examples = error.missing.map((name) => `-c ${required[name]?.example ?? `${name}=…`}`);
    lines.push(
      `onrecord: settings missing: ${described.join("; ")}.`,
      `Give them in cdk.json's "context", or on the command line: npx cdk synth ${examples.join(" ")} (the same -c for cdk deploy).`,
    );
  }
  process.stderr.write(`${lines.join("\n")}\n`);
  process.exit(1);
}
