/** Small closed classes used when reading a sentence's structure around a reporting cue. */

const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Pronouns and generic addressees after "told": "told him", "told reporters". */
export const OBJECT_PRONOUNS = set(`him her them us me you it reporters journalists lawmakers delegates
  supporters listeners viewers readers students voters crowds audiences`);

/** Words that open an appositive or relative clause after a name: "Lee, a spokesperson, said". */
export const SUBJECT_INTRODUCERS = set(`a an the his her their its our who which whose one both also including
  former then currently now president chief head director deputy minister secretary spokesman
  spokeswoman spokesperson chairman chairwoman senior acting`);

/** Gerunds after a comma that start a new statement rather than continue the clause. */
export const CONTENT_BOUNDARY_GERUNDS = set(`saying adding noting stressing warning insisting urging
  arguing explaining telling declaring calling vowing pledging promising claiming asserting
  acknowledging admitting conceding emphasizing emphasising according`);

/** Prepositions that open the topic of what was said: "said of the rally", "spoke about the plan". */
export const TOPIC_LINKS = set("of about");
