import type {
  Article,
  SourceType,
  Statement,
  StatementKind,
  StoredArticle,
} from "../../../lambdas/core/types.ts";

/** What a test says about one statement: its words (found in the body) and who said them. */
export interface StatementSpec {
  text: string;
  speaker?: string | null;
  title?: string | null;
  affiliation?: string | null;
  kind?: StatementKind;
  sourceType?: SourceType;
  cue?: string | null;
  confidence?: number;
  titles?: string[];
  said?: string;
}

export interface ArticleSpec {
  id: string;
  date: string | null;
  body?: string;
  title?: string | null;
  outlet?: string | null;
  url?: string | null;
  statements: StatementSpec[];
}

/**
 * A stored article built by hand, as the extractor would store it: each statement's span is
 * where its words occur in the body (the body is made of the statements when not given).
 */
export function storedArticle(spec: ArticleSpec): StoredArticle {
  const body =
    spec.body ?? spec.statements.map((s) => `"${s.text}," ${s.speaker ?? "someone"} said.`).join("\n\n");
  const article: Article = {
    id: spec.id,
    title: spec.title ?? null,
    url: spec.url ?? null,
    outlet: spec.outlet ?? null,
    publishedAt: spec.date,
    body,
  };
  let from = 0;
  const statements = spec.statements.map((s): Statement => {
    // Statements may overlap (a part given again inside the whole): look from the start too.
    const after = body.indexOf(s.text, from);
    const start = after >= 0 ? after : body.indexOf(s.text);
    if (start < 0) throw new Error(`fixture: ${JSON.stringify(s.text)} is not in the body of ${spec.id}`);
    const end = start + s.text.length;
    from = end;
    return {
      start,
      end,
      parts: [[start, end]],
      text: s.text,
      kind: s.kind ?? "direct",
      speaker: s.speaker === undefined ? "Somebody Official" : s.speaker,
      // The default speaker holds an office, so that a test about something else has an official.
      title: s.title ?? (s.speaker === undefined ? "Minister" : null),
      affiliation: s.affiliation ?? null,
      sourceType: s.sourceType ?? "person",
      mention: null,
      cue: s.cue === undefined ? "said" : s.cue,
      confidence: s.confidence ?? 1,
      titles: s.titles ?? (s.title ? [s.title] : s.speaker === undefined ? ["Minister"] : []),
      ...(s.said ? { said: s.said } : {}),
    };
  });
  return { article, statements };
}
