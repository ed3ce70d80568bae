/**
 * `npm run eval [-- --MODE]`: quality, measured with the project brief's scorers in
 * `../shared/eval/`. With no flag: extraction on the PolNeAR dev split (reported, never tuned on);
 * `--cv`: 5-fold cross-validation on train (the figure choices are judged by); `--digest`: the
 * digest weeks of `../shared/eval/officials/`, train pooled and dev apart.
 * Each mode is a module of its own here; add yours to the table.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const MODES: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  dev: () => import("./extraction-dev.ts"),
  cv: () => import("./extraction-cv.ts"),
  digest: () => import("./digest-weeks.ts"),
};

const flags = process.argv.slice(2).filter((a) => a.startsWith("--") && a.slice(2) in MODES);
const args = process.argv.slice(2).filter((a) => !flags.includes(a));
for (const flag of flags.length > 0 ? flags : ["--dev"]) {
  await (await (MODES[flag.slice(2)] as (typeof MODES)[string])()).run(args);
}
