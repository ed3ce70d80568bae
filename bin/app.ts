import { App } from "aws-cdk-lib";
import { addOnRecord } from "../lib/onrecord-app.ts";

// The CDK app: `npx cdk deploy --all` (settings in cdk.json's context; see README, "Deploy").
addOnRecord(new App());
