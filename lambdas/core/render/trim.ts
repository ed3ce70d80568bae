/** What a trimmed statement ends with: the reader sees that there is more, in the archive. */
export const ELLIPSIS = "…";

/** A cut earlier than this share of the limit wastes the room; cut at a word instead. */
const MIN_SENTENCE_SHARE = 0.4;

const sentences = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Shortens text to at most `maxChars` (ellipsis included), at a sentence boundary when one keeps
 * enough of the text, otherwise at a word boundary; never inside a surrogate pair.
 * @example
 * trimText("Deterrence is not a slogan. It is a daily discipline.", 40) // "Deterrence is not a slogan. …"
 */
export function trimText(text: string, maxChars: number): { text: string; trimmed: boolean } {
  if (text.length <= maxChars) return { text, trimmed: false };
  const room = Math.max(1, maxChars - ELLIPSIS.length - 1);
  let end = 0;
  for (const { index, segment } of sentences.segment(text)) {
    const next = index + segment.trimEnd().length;
    if (next > room) break;
    end = next;
  }
  if (end < room * MIN_SENTENCE_SHARE) end = wordBoundary(text, room);
  return { text: `${text.slice(0, end).trimEnd()} ${ELLIPSIS}`, trimmed: true };
}

function wordBoundary(text: string, room: number): number {
  const space = text.lastIndexOf(" ", room);
  if (space > room * MIN_SENTENCE_SHARE) return space;
  const code = text.charCodeAt(room - 1);
  return code >= 0xd800 && code <= 0xdbff ? room - 1 : room;
}
