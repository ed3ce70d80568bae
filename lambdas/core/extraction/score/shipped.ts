/**
 * The model `npm run train` ships (statement-model.json): bundled with the code, its weights
 * decoded once, on the first statement scored.
 */

import { type ModelFile, StatementModel } from "./model.ts";
import MODEL from "./statement-model.json" with { type: "json" };

let shipped: StatementModel | undefined;

export function shippedModel(): StatementModel {
  shipped ??= new StatementModel(MODEL as ModelFile);
  return shipped;
}
